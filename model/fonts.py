"""Fonts of figures: a font that draws Chinese for ``--lang zh``, or the file of ``--font PATH``.

Only figures need a font; report text is Chinese whatever is installed. Without a
CJK font, figure labels fall back to English with one warning (:func:`figure_font`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from matplotlib import font_manager

from model.errors import UserError

#: Largest font file accepted (bytes); CJK collections are 20-60 MB.
MAX_FONT_BYTES = 200_000_000
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


#: The one warning when Chinese was asked for and no font can draw it.
NO_CJK_FONT = ("warning: --lang zh: no font that can draw Chinese was found; the text is in Chinese but figure "
               "labels are in English. For Chinese figures: `apt-get install fonts-noto-cjk`, or pass a font "
               "file with --font PATH")
_warned = False


def register_font(path: str | Path, option: str = "--font") -> str:
    """Register the font file at ``path`` with matplotlib and return its family name.

    Raises:
        UserError: The file is missing or matplotlib cannot read it as a font.
    """
    from model.files import check_input_file

    file = Path(path)
    try:
        check_input_file(file, "font file", limit=MAX_FONT_BYTES)
    except UserError as exc:
        raise UserError(f"{option} {exc.message}") from None
    try:
        family = font_manager.FontProperties(fname=str(file)).get_name()
        font_manager.fontManager.addfont(str(file))
    except (OSError, RuntimeError, ValueError) as exc:
        raise UserError(f"{option} {path}: not a font file matplotlib can read ({exc})") from None
    return family


def figure_font(lang: str, path: str | Path | None = None) -> str | None:
    """Font family for figures in ``lang``: the ``--font`` file, else a CJK font for Chinese, else None.

    None for Chinese means no font can draw it: figure labels fall back to English and
    :data:`NO_CJK_FONT` is printed (once per process).
    """
    global _warned
    if path is not None:
        return register_font(path)
    if lang != "zh":
        return None
    family = find_cjk_font()
    if family is None and not _warned:
        _warned = True
        print(NO_CJK_FONT, file=sys.stderr)
    return family


def figure_lang(lang: str, font: str | None) -> str:
    """Language of figure labels: Chinese only with a font that draws it."""
    return "zh" if lang == "zh" and font is not None else "en"
