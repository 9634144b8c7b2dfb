"""Property: whatever the Chinese text around them, no fix changes a digit, a
URL or an English word (users stop trusting a tool that turns 20字符 into 一字符)."""

from __future__ import annotations

import re
from functools import cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fazhi.checker.engine import check_document
from fazhi.checker.reader import document_from_text
from fazhi.fixer import fix_document
from fazhi.schema import load_profile

CHINESE = st.sampled_from(["法制宣传", "法制教育", "组织", "开展", "活动", "全镇", "群众", "会议于", "召开", "投入资金", "万元", "详见", "使用", "格式", "报告如下", "是", "和", "的", "一是", "（一）", "一、", "二."])
NUMBERS = st.one_of(
    st.integers(0, 100000).map(str),
    st.builds(lambda a, b: f"{a},{b:03d}", st.integers(1, 999), st.integers(0, 999)),
    st.builds(lambda a, b: f"{a}.{b}", st.integers(0, 99), st.integers(0, 99)),
    st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(0, 23), st.integers(0, 59)),
    st.builds(lambda y, m, d: f"{y}.{m:02d}.{d:02d}", st.integers(2000, 2030), st.integers(1, 12), st.integers(1, 28)),
)
URLS = st.sampled_from(["https://www.example.gov.cn/a,b", "http://fz.gov.cn/list?id=3&p=2", "www.hnfz.gov.cn", "https://a.cn/x:y;z", "zhang.san@example.com"])
ENGLISH = st.sampled_from(["Word", "WPS", "Excel, PDF", "OA", "APP", "Word(docx)", "e-mail", "Hello: world", "GB/T 9704"])
MARKS = st.sampled_from([",", ":", ";", "(", ")", "?", "!", " ", "。", "，"])
TOKEN = st.one_of(CHINESE, CHINESE, NUMBERS, URLS, ENGLISH, MARKS, MARKS)
# Chinese text: every paragraph has Chinese words (a line that is only a date is
# the 成文日期, which date-format rewrites to 2024年2月22日 without leading zeros).
PARAGRAPH = st.tuples(CHINESE, st.lists(TOKEN, min_size=1, max_size=14), st.integers(0, 14)).map(lambda t: "".join(t[1][: t[2]] + [t[0]] + t[1][t[2] :]))

_URL = re.compile(r"(?:https?://|www\.)[^\s，。；、）》“”\u4e00-\u9fff]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


@cache
def _profile():
    return load_profile("township")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PARAGRAPH, min_size=1, max_size=8))
@example(["二.zhang.san@example.com"])  # a marker that runs into an address is not rewritten
def test_no_fix_changes_a_digit_a_url_or_an_english_word(paragraphs):
    text = "岘山镇2023年度法治政府建设情况报告\n" + "\n".join(paragraphs) + "\n"
    doc = document_from_text(text)
    result = fix_document(doc, check_document(doc, _profile()).findings)
    for before, after in zip(result.before, result.after):
        assert re.findall(r"\d", before) == re.findall(r"\d", after)
        assert re.findall(r"[A-Za-z]+", before) == re.findall(r"[A-Za-z]+", after)
        for url in _URL.findall(before):
            assert url in after
