"""Patient FAQ chatbot for kyphoplasty."""

__version__ = "0.1.0"
