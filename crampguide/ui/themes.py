"""The three looks: dark (default), light, and bedtime — dim, warm and low in contrast, yet legible."""

from __future__ import annotations

from textual.theme import Theme

BEDTIME_THEME = Theme(
    name="crampguide-bedtime",
    primary="#9a6a48",
    secondary="#7d5a42",
    accent="#b07a4f",
    warning="#b58a4a",
    error="#b4604a",
    success="#8a8f58",
    foreground="#c8a688",
    background="#140f0c",
    surface="#1c1511",
    panel="#261c16",
    boost="#2e221a",
    dark=True,
    luminosity_spread=0.08,
    text_alpha=0.9,
    # Textual picks white-ish text ("auto") on coloured backgrounds such as buttons and banners; in a dark
    # room every text colour is set to a warm, dimmer one instead.
    variables={
        "text": "#d9b89a",
        "text-muted": "#9c8570",
        "text-disabled": "#6e5c4c",
        "button-foreground": "#d9b89a",
        "button-color-foreground": "#e6c9ab",
        "footer-key-foreground": "#d09a6e",
        "block-cursor-background": "#5a3f2c",
        "block-cursor-foreground": "#e0bfa0",
        "input-selection-background": "#5a3f2c 60%",
    },
)

DARK = "dark"
LIGHT = "light"
BEDTIME = "bedtime"

# Setting name (as saved in settings.toml) → Textual theme name, in the order `t` cycles through them:
# bedtime is followed by dark, so the key never jumps from the bedtime look to the bright one.
THEME_CYCLE: dict[str, str] = {
    DARK: "textual-dark",
    LIGHT: "textual-light",
    BEDTIME: BEDTIME_THEME.name,
}


def next_theme(setting: str) -> str:
    """The setting after this one in the cycle; dark after anything unknown."""
    names = list(THEME_CYCLE)
    return names[(names.index(setting) + 1) % len(names)] if setting in names else DARK


def theme_for_setting(setting: str) -> str:
    return THEME_CYCLE.get(setting, THEME_CYCLE[DARK])


def setting_for_theme(theme: str) -> str | None:
    return next((setting for setting, name in THEME_CYCLE.items() if name == theme), None)
