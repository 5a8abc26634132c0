"""Find a font that draws Chinese, for figures with ``--lang zh`` (report, validation, dashboard)."""

from __future__ import annotations

from matplotlib import font_manager

CJK_HINTS = ("Noto Sans CJK", "Noto Serif CJK", "Source Han Sans", "WenQuanYi", "SimHei", "Microsoft YaHei",
             "PingFang", "Heiti", "AR PL", "Droid Sans Fallback")
FILE_HINTS = ("cjk", "wqy", "simhei", "msyh", "droidsansfallback", "sourcehansans", "ukai", "uming")


def find_cjk_font() -> str | None:
    """Family name of an installed font that can draw Chinese, or None.

    Looks in matplotlib's font list first, then scans the system font folders
    (the cache may predate a font installed later, e.g. fonts-noto-cjk) and
    registers what it finds.
    """
    names = sorted({f.name for f in font_manager.fontManager.ttflist})
    for hint in CJK_HINTS:
        for name in names:
            if name.startswith(hint):
                return name
    found = []
    for path in sorted(font_manager.findSystemFonts()):
        base = path.rsplit("/", 1)[-1].lower().replace("-", "").replace("_", "")
        if any(hint in base for hint in FILE_HINTS):
            try:
                font_manager.fontManager.addfont(path)  # every weight, so bold titles work too
                found.append((("sans" not in base, "bold" in base), font_manager.FontProperties(fname=path).get_name()))
            except (OSError, RuntimeError, ValueError):
                continue
    return min(found)[1] if found else None
