"""The article stage; its entry point is ``eventlens.article.stage.stage``."""
