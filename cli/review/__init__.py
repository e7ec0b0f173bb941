"""The review console: ``tipline review serve``, a local web app over the case service."""
