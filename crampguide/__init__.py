"""crampguide: an offline terminal guide for night-time calf cramps."""

__version__ = "0.1.0"
