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


NO_CJK_FONT = ("no font that can draw Chinese was found, so figure labels are in English (text stays in Chinese); "
               "for Chinese figures install one (`apt-get install fonts-noto-cjk`) or pass a font file with --font")


def register_font(path: str, option: str = "--font") -> str:
    """Register the font file ``path`` with matplotlib; return its family name.

    Raises:
        UserError: the file is missing or is not a font matplotlib can read (names ``option`` and ``path``).
    """
    from pathlib import Path

    from model.errors import UserError

    if not Path(path).is_file():
        raise UserError(f"{option}: {path}: no such font file; valid: a .ttf, .otf or .ttc file that draws Chinese")
    try:
        font_manager.fontManager.addfont(path)
        return font_manager.FontProperties(fname=path).get_name()
    except (OSError, RuntimeError, ValueError) as exc:
        raise UserError(f"{option}: {path}: not a font file matplotlib can read ({exc})") from None


def figure_language(lang: str, font_file: str | None = None, warn=None) -> tuple[str, str | None]:
    """The language of figure labels and the font family that draws them.

    Text (HTML, Markdown, tables, the dashboard's labels) is always written in ``lang``; only figures need
    a font. For ``zh`` a font file given by the user wins, then an installed CJK font; with neither, figure
    labels fall back to English and ``warn`` (default: print to stderr) is called once with the reason.

    Returns:
        ``(language for figure labels, font family or None)``.
    """
    if lang != "zh":
        return lang, None
    family = register_font(font_file) if font_file else find_cjk_font()
    if family is None:
        if warn is None:
            import sys

            print(f"warning: --lang zh: {NO_CJK_FONT}", file=sys.stderr)
        else:
            warn(NO_CJK_FONT)
        return "en", None
    return "zh", family
