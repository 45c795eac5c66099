"""Patient FAQ chatbot for kyphoplasty."""

__version__ = "0.2.0"
