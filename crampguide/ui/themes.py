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
    variables={
        "footer-key-foreground": "#d09a6e",
        "block-cursor-background": "#5a3f2c",
        "block-cursor-foreground": "#e0bfa0",
        "input-selection-background": "#5a3f2c 60%",
    },
)

# Setting name (as saved in settings.toml) → Textual theme name, in the order `t` cycles through them.
THEME_CYCLE: dict[str, str] = {
    "dark": "textual-dark",
    "light": "textual-light",
    "bedtime": BEDTIME_THEME.name,
}


def theme_for_setting(setting: str) -> str:
    return THEME_CYCLE.get(setting, THEME_CYCLE["dark"])


def setting_for_theme(theme: str) -> str | None:
    return next((setting for setting, name in THEME_CYCLE.items() if name == theme), None)
