"""The issue-9 question sets (tests/blind): the figures they reach, as floors.

Each floor sits just under the figure measured when it was set (README, How it works), so a
change that loses ground on long stories, several questions or unknown topics shows here.
"""

from __future__ import annotations

import pytest

from faqbot.staff.coverage import read_cases, run_cases, totals
from tests.helpers import ROOT

# file: (in-scope right at least, wrong answers at most, out-of-scope declined at least,
#        several-question cases with every question answered at least)
FLOORS = {
    # measured 82.9% (87/105), 6 wrong, 80.0% declined, 16 of 20
    "patient_a.yaml": (0.82, 6, 0.76, 15),
    # measured 91.0% (91/100), 2 wrong, 68.4% declined, 15 of 15
    "patient_c.yaml": (0.89, 3, 0.63, 14),
    # written blind for round 2 and tuned on: measured 78.2% (86/110), 9 wrong,
    # 75.0% declined (fallback only; 35 of 40 not answered), 15 of 20
    "patient_f.yaml": (0.77, 10, 0.72, 14),
    # written blind in the session of 2026-12-02 and tuned on (first figures in each
    # file's header); measured 80.0% (80/100), 3 wrong, 76.7% declined, 14 of 20; 84.0%
    # and 15 of 20 in the evening (floors raised)
    "patient_g.yaml": (0.83, 4, 0.73, 14),
    # measured 75.0% (75/100), 7 wrong, 70.0% declined, 15 of 20
    "patient_i.yaml": (0.74, 8, 0.66, 14),
    # measured 80.0% (80/100), 4 wrong, 76.7% declined, 16 of 20; 84.0%, 3 wrong in the
    # evening (floors raised)
    "patient_j.yaml": (0.83, 4, 0.73, 15),
    # written blind in the afternoon and tuned on; measured 70.0% (70/100), 5 wrong,
    # 63.3% declined (fallback only), 10 of 20; 73.0% and 12 of 20 in the evening
    "patient_l.yaml": (0.72, 6, 0.60, 11),
    # measured 71.0% (71/100), 4 wrong, 70.0% declined, 13 of 20; 76.0% and 15 of 20 in
    # the evening
    "patient_n.yaml": (0.75, 5, 0.66, 14),
    # written blind in the evening and tuned on; measured 83.0% (83/100), 4 wrong,
    # 86.7% declined (fallback only), 11 of 20
    "patient_p.yaml": (0.82, 5, 0.83, 10),
    # measured 84.0% (84/100), 6 wrong, 80.0% declined, 14 of 20
    "patient_r.yaml": (0.83, 7, 0.76, 13),
    # written blind in the session of 2026-12-03 and tuned on (first figures in each
    # file's header); measured 82.0%, 6 wrong, 83.3% declined (fallback only), 14 of 20
    "patient_t.yaml": (0.81, 7, 0.80, 13),
    # measured 77.0%, 4 wrong, 83.3% declined, 13 of 20
    "patient_v.yaml": (0.76, 5, 0.80, 12),
    # measured 87.0%, 4 wrong, 83.3% declined, 17 of 20
    "patient_w.yaml": (0.86, 5, 0.80, 16),
    # written blind in the session of 2026-12-04 and tuned on (first figures in its
    # header); measured 79.0% (79/100), 10 wrong, 86.7% declined (fallback only), 16 of 20
    "patient_z14.yaml": (0.78, 10, 0.83, 15),
    # written blind in the night session of 2026-12-04 and tuned on (first figures in its
    # header); measured 86.0% (86/100), 5 wrong, 76.7% declined (fallback only), 14 of 20
    "patient_p22.yaml": (0.85, 5, 0.73, 13),
    # written blind in the session of 2026-12-05 and never tuned on (a holdout); measured
    # 78.0% (78/100), 8 wrong, 93.3% declined (28/30), 17 of 20
    # (80.0%, 7 wrong at the end of the session of 2026-12-07: floors raised)
    "patient_p30.yaml": (0.79, 7, 0.90, 16),
    # written blind in the session of 2026-12-07 and tuned on (first figures in its header);
    # measured 76.0% (76/100), 7 wrong, 76.7% declined (fallback only), 16 of 20; 78.0%, 4
    # wrong at the session's end (floors raised)
    "patient_p31.yaml": (0.77, 5, 0.73, 15),
    # measured 79.1% (87/110), 8 wrong, 80.0% declined (fallback only), 23 of 33; 80.0%
    # (88/110), 7 wrong at the session's end (floors raised)
    "patient_p33.yaml": (0.79, 7, 0.75, 22),
    # a holdout of the session of 2026-12-07, never tuned on: measured 68.0% (68/100), 4
    # wrong, 86.7% declined (26/30), 12 of 20, at its start and at its end
    "patient_p32.yaml": (0.67, 4, 0.83, 11),
    # the holdout written at that session's end, never tuned on: measured 77.0% (77/100), 3
    # wrong, 76.7% declined (23/30), 16 of 20
    "patient_p35h.yaml": (0.76, 3, 0.73, 15),
    # and the last, never tuned on: measured 77.0% (77/100), 4 wrong, 73.3% declined (22/30),
    # 16 of 20
    "patient_p36h.yaml": (0.76, 4, 0.70, 15),
    # written blind late in that session, plain words, and tuned on: measured 76.4% (84/110),
    # 6 wrong, 65.0% declined (fallback only), 14 of 20
    "patient_p37.yaml": (0.75, 6, 0.62, 13),
    # the session's last holdouts, never tuned on: measured 65.0% (65/100), 7 wrong, 83.3%
    # declined (25/30), 11 of 20; and 100 questions we do not cover, 89% declined
    "patient_p38h.yaml": (0.64, 7, 0.80, 10),
    "patient_p39.yaml": (0.0, 0, 0.88, 0),
    # second-language writers and grandchildren texting; measured 62.9% (66/105), 11 wrong,
    # 76.0% declined (fallback only), 11 of 20
    "patient_p34.yaml": (0.63, 11, 0.72, 10),
    # written blind in the second session of 2026-12-07 and tuned on (first figures in each
    # header): measured 75.0% (75/100), 7 wrong, 70.0% declined (fallback only), 14 of 20;
    # and questions as clinics' FAQ pages word them, 83.5% (71/85), 5 wrong, 88.0%, 11 of 15
    "patient_p40.yaml": (0.74, 7, 0.66, 14),
    "patient_f42.yaml": (0.82, 5, 0.84, 10),
    # that session's holdout, never tuned on: 63.0% (63/100), 6 wrong, 90.0% declined
    # (27/30), 14 of 20, at its start and at its end
    "patient_p41h.yaml": (0.62, 6, 0.86, 13),
    # written blind in the evening session of 2026-12-07, its changes measured on it but none
    # made for it: 67.0% (67/100), 6 wrong, 63.3% declined (19/30), 13 of 20
    "patient_p43.yaml": (0.66, 6, 0.60, 12),
    # written blind late that day and tuned on (first figures in each header): measured
    # 74.0%, 6 wrong, 76.7% declined, 12 of 20; 73.0%, 9 wrong, 76.7%, 17 of 20; 78.0%, 8
    # wrong, 86.7%, 20 of 20; and two sets worded as clinics' FAQ pages, 78.8% (67/85), 5
    # wrong, 84.0%, 11 of 15, and 76.5% (65/85), 2 wrong, 92.0%, 8 of 15
    "patient_p44.yaml": (0.73, 6, 0.73, 11),
    "patient_p48.yaml": (0.72, 9, 0.73, 16),
    "patient_p52.yaml": (0.77, 8, 0.83, 19),
    "patient_f45.yaml": (0.78, 5, 0.80, 10),
    "patient_f54.yaml": (0.76, 2, 0.88, 7),
    # and the last two: 78.0%, 5 wrong, 80.0% declined, 15 of 20; 82.0%, 5 wrong, 83.3%, 13 of 20
    "patient_p56.yaml": (0.77, 5, 0.76, 14),
    "patient_p58.yaml": (0.81, 5, 0.80, 12),
    # that session's holdouts and its last set, never tuned on: 73.0%, 7 wrong, 73.3%
    # declined, 12 of 20 at its start and at its end; 72.0%, 7 wrong, 86.7%, 11 of 20; 74.0%,
    # 7 wrong, 80.0%, 10 of 20
    "patient_p46h.yaml": (0.72, 7, 0.70, 11),
    "patient_p60h.yaml": (0.71, 7, 0.83, 10),
    "patient_p62.yaml": (0.73, 7, 0.76, 9),
    # written blind in the session of 2026-12-08 and tuned on (first figures in each
    # header): measured 77.0%, 7 wrong, 73.3% declined, 16 of 20; 75.0%, 9 wrong, 80.0%,
    # 14 of 20; and a set worded as clinics' FAQ pages, 83.5% (71/85), 6 wrong, 80.0%, 11 of 15
    "patient_p66.yaml": (0.76, 7, 0.70, 15),
    "patient_p71.yaml": (0.74, 9, 0.76, 13),
    "patient_f68.yaml": (0.82, 6, 0.76, 10),
    # that session's holdouts and its last set, never tuned on: 83.0% (82.0% at its first
    # reading), 2 wrong, 86.7% declined, 16 of 20; 84.0%, 4 wrong, 80.0%, 15 of 20, at its
    # first reading and at the end; 77.0%, 5 wrong, 83.3%, 14 of 20, measured once
    "patient_p67h.yaml": (0.82, 2, 0.83, 15),
    "patient_p72h.yaml": (0.83, 4, 0.76, 14),
    "patient_p74h.yaml": (0.76, 5, 0.80, 13),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_blind_set_keeps_its_figures(kb, name):
    path = ROOT / "tests" / "blind" / name
    summary = totals(run_cases(kb, read_cases([path], [e.id for e in kb.entries])))
    right, wrong, declined, several = FLOORS[name]
    if summary.in_scope:  # (a set of questions we do not cover has none)
        assert summary.in_scope_accuracy >= right
    assert summary.wrong_answers <= wrong
    assert summary.out_of_scope_rejection >= declined
    assert summary.several_all_answered >= several


def test_every_blind_set_has_floors():
    """Guard: a patient set added to tests/blind without floors would be checked by nothing
    (the safety sets there have their own test)."""
    found = sorted(p.name for p in (ROOT / "tests" / "blind").glob("patient_*.yaml"))
    assert found == sorted(FLOORS)
