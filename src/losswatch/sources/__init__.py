"""The source registry: name -> adapter, imported on first use so start-up stays quick."""

from __future__ import annotations

import importlib

from losswatch.errors import UnknownSource
from losswatch.sources.base import Adapter

REGISTRY: dict[str, str] = {
    "official_en": "losswatch.sources.official:OfficialEnglish",
    "official_uk": "losswatch.sources.official:OfficialUkrainian",
    "petroivaniuk": "losswatch.sources.petroivaniuk:PetroIvaniuk",
    "orc_losses": "losswatch.sources.orc_losses:OrcLosses",
    "russianwarship": "losswatch.sources.russianwarship:RussianWarship",
    "minfin": "losswatch.sources.minfin:Minfin",
    # confirmed losses (issue 17): they state no General Staff figure, see store/confirmed.py
    "oryx": "losswatch.sources.oryx:OryxPage",
    "oryx_history": "losswatch.sources.oryx_history:OryxHistory",
    "oryx_archive": "losswatch.sources.oryx:OryxArchive",
    "warspotting": "losswatch.sources.warspotting:WarSpotting",
}
NAMES: tuple[str, ...] = tuple(REGISTRY)
#: The General Staff's own texts: the only sources whose "(+N)" is a statement, not arithmetic
OFFICIAL: tuple[str, ...] = ("official_en", "official_uk")


def get_adapter(name: str) -> Adapter:
    """A fresh adapter for ``name``; :class:`UnknownSource` lists the valid names."""
    try:
        target = REGISTRY[name]
    except KeyError:
        raise UnknownSource(f"unknown source {name!r}; known: {', '.join(NAMES)}") from None
    module_name, class_name = target.split(":")
    cls: type[Adapter] = getattr(importlib.import_module(module_name), class_name)
    return cls()


def all_adapters() -> list[Adapter]:
    return [get_adapter(name) for name in NAMES]
