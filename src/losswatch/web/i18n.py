"""The dashboard's own words in English and Ukrainian (category labels come from categories.py).

Kept as one small table so a missing translation is a failing test, not a blank on the page.
"""

from __future__ import annotations

from collections.abc import Callable

LANGS = ("en", "uk")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "site": "losswatch",
        "skip": "Skip to content",
        "nav": "Main",
        "today": "Today",
        "explore": "Explore",
        "audit": "Audit",
        "check": "Check",
        "api_docs": "API",
        "feed": "Feed",
        "language": "Українською",
        "report_of": "Report of {date}",
        "losses_of": "losses of {date}",
        "war_day": "day {n} of the full-scale invasion",
        "out_yet": "Today's report ({date}, Kyiv time) is out.",
        "not_out_yet": "Today's report ({date}, Kyiv time) is not out yet; the newest is "
        "{age} old.",
        "past_day": "A past report; the newest is of {date}.",
        "synced": "Last sync: {when}",
        "official_page": "Official report",
        "show_day": "Show another day",
        "date": "Date",
        "show": "Show",
        "totals": "Totals and the day's increase",
        "records": "Records (highest daily increase in the daily reports since 1 April 2022)",
        "milestones": "Milestones reached in this report",
        "next_milestones": "Next milestones",
        "disputed": "disputed: the sources disagree and no rule settles it",
        "increment_disputed": "increase not settled (the day before is disputed)",
        "brief": "Brief",
        "category": "Category",
        "value": "Value",
        "increment": "Increase",
        "status": "Status",
        "loss_day": "Loss day",
        "report_date": "Report date",
        "threshold": "Milestone",
        "none": "None.",
        "kind": "Chart",
        "cumulative": "Cumulative total",
        "daily": "Daily increase (with 7-day mean)",
        "monthly": "Monthly total",
        "from": "From",
        "to": "To",
        "categories": "Categories (choose up to 6)",
        "download_csv": "Download CSV",
        "table": "Table",
        "chart": "Chart",
        "chart_needs_js": "The chart needs JavaScript; the table below has the same data.",
        "audit_intro": "Cells where the sources disagreed: every source's value, the "
        "decision and the rule that made it.",
        "since": "Since",
        "decision": "Decision",
        "rule": "Rule",
        "supporting": "Supporting",
        "dissent": "Other values",
        "reliability": "Source reliability where sources disagreed",
        "source": "Source",
        "right": "Right",
        "wrong": "Wrong",
        "share": "Share right",
        "corrections": "Official corrections listed: {n}",
        "all": "All",
        "check_intro": "Paste an article, or give its address: every loss figure is checked "
        "against the General Staff's reports.",
        "article_text": "Article text",
        "article_url": "…or the article's URL",
        "article_date": "Publication date (optional)",
        "submit": "Check",
        "result": "Result",
        "permalink": "Permalink to this result",
        "verdicts": "Figures found",
        "claim": "Figure",
        "verdict": "Verdict",
        "official": "Official value",
        "correct": "Correct value",
        "explanation": "Explanation",
        "no_figures": "No loss figures found.",
        "checked_against": "Checked against the report of {date}{how}.",
        "inferred": " (date inferred from the figures)",
        "no_report_date": "No report date could be found for this text.",
        "expired": "This result is no longer in memory; paste the text again.",
        "error": "Error",
        "back": "Back to Today",
        "status_agreed": "agreed",
        "status_majority": "majority",
        "status_resolved_by_increment": "resolved by the stated increase",
        "status_resolved_by_neighbours": "resolved by the neighbouring days",
        "status_official_correction": "official correction",
        "status_conflict": "disputed",
        "status_single_source": "single source",
        "status_missing": "missing",
        "explanation_in_english": "explanation in English",
        "supported": "supported",
        "approximately_supported": "approximately supported",
        "contradicted": "contradicted",
        "not_checkable": "not checkable",
        "footer_source": "Source: General Staff of the Armed Forces of Ukraine, reconciled from "
        "several public datasets by losswatch.",
    },
    "uk": {
        "site": "losswatch",
        "skip": "Перейти до змісту",
        "nav": "Головне",
        "today": "Сьогодні",
        "explore": "Огляд",
        "audit": "Аудит",
        "check": "Перевірка",
        "api_docs": "API",
        "feed": "Стрічка",
        "language": "English",
        "report_of": "Зведення за {date}",
        "losses_of": "втрати за {date}",
        "war_day": "{n}-й день повномасштабного вторгнення",
        "out_yet": "Сьогоднішнє зведення ({date}, за київським часом) вже вийшло.",
        "not_out_yet": "Сьогоднішнього зведення ({date}, за київським часом) ще немає; "
        "найновішому {age}.",
        "past_day": "Минуле зведення; найновіше — за {date}.",
        "synced": "Остання синхронізація: {when}",
        "official_page": "Офіційне зведення",
        "show_day": "Показати інший день",
        "date": "Дата",
        "show": "Показати",
        "totals": "Загальні втрати та приріст за добу",
        "records": "Рекорди (найбільший добовий приріст у щоденних зведеннях від 1 квітня "
        "2022 року)",
        "milestones": "Рубежі, досягнуті в цьому зведенні",
        "next_milestones": "Наступні рубежі",
        "disputed": "спірна цифра: джерела розходяться, і жодне правило цього не вирішує",
        "increment_disputed": "приріст не встановлено (попередня цифра спірна)",
        "brief": "Коротко",
        "category": "Категорія",
        "value": "Значення",
        "increment": "Приріст",
        "status": "Статус",
        "loss_day": "День втрат",
        "report_date": "Дата зведення",
        "threshold": "Рубіж",
        "none": "Немає.",
        "kind": "Графік",
        "cumulative": "Загальна кількість",
        "daily": "Добовий приріст (із середнім за 7 днів)",
        "monthly": "За місяць",
        "from": "Від",
        "to": "До",
        "categories": "Категорії (до 6)",
        "download_csv": "Завантажити CSV",
        "table": "Таблиця",
        "chart": "Графік",
        "chart_needs_js": "Графіку потрібен JavaScript; у таблиці нижче ті самі дані.",
        "audit_intro": "Клітинки, де джерела розійшлися: значення кожного джерела, рішення "
        "і правило, за яким його ухвалено.",
        "since": "Від",
        "decision": "Рішення",
        "rule": "Правило",
        "supporting": "Підтримують",
        "dissent": "Інші значення",
        "reliability": "Надійність джерел у спірних клітинках",
        "source": "Джерело",
        "right": "Так",
        "wrong": "Ні",
        "share": "Частка правильних",
        "corrections": "Офіційних виправлень: {n}",
        "all": "Усі",
        "check_intro": "Вставте статтю або дайте її адресу: кожну цифру втрат буде звірено зі "
        "зведеннями Генштабу.",
        "article_text": "Текст статті",
        "article_url": "…або адреса статті",
        "article_date": "Дата публікації (необов'язково)",
        "submit": "Перевірити",
        "result": "Результат",
        "permalink": "Постійне посилання на результат",
        "verdicts": "Знайдені цифри",
        "claim": "Цифра",
        "verdict": "Висновок",
        "official": "Офіційне значення",
        "correct": "Правильне значення",
        "explanation": "Пояснення",
        "no_figures": "Цифр втрат не знайдено.",
        "checked_against": "Звірено зі зведенням за {date}{how}.",
        "inferred": " (дату визначено за цифрами)",
        "no_report_date": "Не вдалося визначити дату зведення для цього тексту.",
        "expired": "Цього результату вже немає в пам'яті; вставте текст ще раз.",
        "error": "Помилка",
        "back": "До сторінки «Сьогодні»",
        "status_agreed": "узгоджено",
        "status_majority": "більшість джерел",
        "status_resolved_by_increment": "вирішено за вказаним приростом",
        "status_resolved_by_neighbours": "вирішено за сусідніми днями",
        "status_official_correction": "офіційне виправлення",
        "status_conflict": "спірна цифра",
        "status_single_source": "одне джерело",
        "status_missing": "немає даних",
        "explanation_in_english": "пояснення англійською",
        "supported": "підтверджено",
        "approximately_supported": "приблизно підтверджено",
        "contradicted": "спростовано",
        "not_checkable": "неможливо перевірити",
        "footer_source": "Джерело: Генеральний штаб Збройних сил України; losswatch звіряє "
        "кілька відкритих наборів даних.",
    },
}


DAYS = {"en": ("day", "days", "days"), "uk": ("день", "дні", "днів")}


def days(n: int, lang: str) -> str:
    """ "1 day", "104 days"; "1 день", "3 дні", "5 днів" (the brief's plural rule)."""
    from losswatch.brief import uk_form

    forms = DAYS.get(lang, DAYS["en"])
    index = uk_form(n) if lang == "uk" else (0 if n == 1 else 1)
    return f"{n} {forms[index]}"


def pick_lang(value: str | None) -> str:
    """``uk`` when asked for, else English (unknown values fall back, never echo)."""
    return "uk" if value in ("uk", "ua") else "en"


def translator(lang: str) -> Callable[..., str]:
    """``_("key", name=value)`` for templates, in ``lang`` with English as the fallback."""
    table = STRINGS.get(lang, STRINGS["en"])

    def translate(key: str, **values: object) -> str:
        text = table.get(key) or STRINGS["en"].get(key, key)
        return text.format(**values) if values else text

    return translate


# The Claimed vs confirmed page (issue 17), kept apart so the table above stays easy to merge.
CONFIRMED_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "confirmed": "Claimed vs confirmed",
        "confirmed_intro": "The General Staff's running total beside the losses Oryx confirmed "
        "by photo or video, on every date Oryx has a figure, and the ratio of the two.",
        "claimed": "Claimed (General Staff)",
        "confirmed_oryx": "Confirmed (Oryx)",
        "ratio": "Ratio claimed / confirmed",
        "destroyed": "Destroyed",
        "damaged": "Damaged",
        "abandoned": "Abandoned",
        "captured": "Captured",
        "oryx_categories": "Oryx categories counted",
        "oryx_dates": "dates with an Oryx figure",
        "confirmed_all": "Every category: the newest Oryx date",
    },
    "uk": {
        "confirmed": "Заявлено і підтверджено",
        "confirmed_intro": "Загальні втрати за даними Генштабу поруч із втратами, які Oryx "
        "підтвердив фото чи відео, на кожну дату з даними Oryx, і їхнє співвідношення.",
        "claimed": "Заявлено (Генштаб)",
        "confirmed_oryx": "Підтверджено (Oryx)",
        "ratio": "Співвідношення заявлених до підтверджених",
        "destroyed": "Знищено",
        "damaged": "Пошкоджено",
        "abandoned": "Покинуто",
        "captured": "Захоплено",
        "oryx_categories": "Враховані категорії Oryx",
        "oryx_dates": "дат із даними Oryx",
        "confirmed_all": "Усі категорії: остання дата Oryx",
    },
}
for _lang, _strings in CONFIRMED_STRINGS.items():
    STRINGS[_lang].update(_strings)
