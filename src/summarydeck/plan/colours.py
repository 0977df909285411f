"""The brand's hex colour for a colour role: plain data, for pictures and contrast checks."""

from __future__ import annotations

from summarydeck.model.brand import Brand
from summarydeck.plan.types import ColourRole


def role_hex(brand: Brand, role: ColourRole) -> str:
    """The brand's hex colour for a role (for pictures and contrast checks)."""
    c = brand.colours
    direct = {
        ColourRole.TEXT: c.text,
        ColourRole.BACKGROUND: c.background,
        ColourRole.PRIMARY: c.primary,
        ColourRole.SURFACE: c.surface,
        ColourRole.LINK: c.link,
        ColourRole.MUTED: c.muted,
    }
    if role in direct:
        return direct[role]
    index = int(role.value.removeprefix("accent")) - 1
    return c.accents[index % len(c.accents)]
