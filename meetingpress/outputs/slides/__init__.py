"""The slide deck: a meeting in one language → a 16:9 .pptx made with python-pptx."""
