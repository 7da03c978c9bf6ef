"""One module per tab; each defines a `GuideTab` subclass that the app mounts once the guide is loaded."""
