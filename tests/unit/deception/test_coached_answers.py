"""Near-identical answers across workers (seed 004 L636: workers coached to lie)."""

from __future__ import annotations

import time

import pytest

from screening.deception import DEFAULT_THRESHOLDS as T
from screening.deception.coaching import detect_coached_answers, normalise_answer
from tests.generators.audit_evidence import generate_audit
from tests.unit.deception.builders import interview, worker

SCRIPT = (
    "I work eight hours every day from Monday to Saturday and Sunday is my day off.",
    "My salary is paid on time every month into my own bank account.",
)


def test_normalising_ignores_case_and_punctuation() -> None:
    assert normalise_answer("Yes,  I keep MY passport!") == "yes i keep my passport"


def test_a_script_recited_by_most_interviewees_fires() -> None:
    interviews = [interview(worker(i), answers=SCRIPT) for i in range(8)]
    interviews += [
        interview(worker(8), answers=("Long days in cutting, maybe ten hours with overtime",)),
        interview(worker(9), answers=("The supervisor decides, some weeks we work Sundays too",)),
    ]
    pattern = detect_coached_answers(interviews, T)
    assert pattern is not None
    assert pattern.code == "coached_answers"
    assert "8 of 10" in pattern.summary
    assert pattern.evidence[:2] == ("interview:W-0000", "interview:W-0001")


def test_small_slips_in_the_script_still_count_as_the_script() -> None:
    slips = [
        (SCRIPT[0].upper(), SCRIPT[1]),
        ("Yes, " + SCRIPT[0], SCRIPT[1].rstrip(".")),
        (SCRIPT[0].replace("eight", "8"), SCRIPT[1]),
        SCRIPT,
        SCRIPT,
    ]
    interviews = [interview(worker(i), answers=a) for i, a in enumerate(slips)]
    pattern = detect_coached_answers(interviews, T)
    assert pattern is not None and "5 of 5" in pattern.summary


def test_short_identical_answers_are_not_coaching() -> None:
    interviews = [interview(worker(i), answers=("Yes.", "No", "8 hours")) for i in range(20)]
    assert detect_coached_answers(interviews, T) is None


def test_a_pair_of_similar_answers_is_not_a_script() -> None:
    interviews = [interview(worker(i), answers=(SCRIPT[0],)) for i in range(2)]
    own_words = (
        "Long days in cutting, maybe ten hours with overtime",
        "The supervisor decides, some weeks we work Sundays too",
        "I start at seven and the bus brings us back after dark",
        "Depends on orders, in March we had night shifts twice",
        "My shift is eight hours and I take overtime when I can",
        "Usually I finish at six but packing stays later",
        "We rest on Friday because most of us pray that day",
        "I came three months ago so I am still on the training line",
    )
    interviews += [interview(worker(2 + i), answers=(a,)) for i, a in enumerate(own_words)]
    assert detect_coached_answers(interviews, T) is None


def test_no_answers_gives_no_claim() -> None:
    interviews = [interview(worker(i), hours=50) for i in range(20)]
    assert detect_coached_answers(interviews, T) is None


@pytest.mark.parametrize("seed", range(8))
def test_honest_answers_in_workers_own_words_never_fire(seed: int) -> None:
    interviews = generate_audit(seed, workers=400).audit.evidence.interviews
    assert len(interviews) >= 20
    assert detect_coached_answers(interviews, T) is None


def test_thousands_of_interviews_are_sampled_not_compared_all_pairs() -> None:
    generated = generate_audit(3, workers=3000, inject={"coached_answers": 0.5})
    interviews = generated.audit.evidence.interviews * 40  # ~3,000 interviews
    started = time.perf_counter()
    pattern = detect_coached_answers(interviews, T)
    assert time.perf_counter() - started < 2.0
    assert pattern is not None and f"a sample of {T.max_interviews_compared}" in pattern.summary


def test_the_same_run_of_short_answers_from_five_workers_is_a_script() -> None:
    """Each answer alone is too short to compare; five workers giving the same five short
    answers, question after question, recite a script."""
    script = ("Paid on time.", "No overtime.", "Sunday is free.", "I keep my passport.", "No fees.")
    interviews = [interview(worker(i), answers=script) for i in range(5)]
    pattern = detect_coached_answers(interviews, T)
    assert pattern is not None and "5 of 5" in pattern.summary


def test_workers_giving_their_own_short_answers_are_not_a_script() -> None:
    own = [
        ("Paid on time.", "Some overtime.", "Sunday free.", "Passport with me.", "No fees."),
        ("Late sometimes.", "Ten hours.", "One day off.", "In my room.", "Paid the agent."),
        ("On the 5th.", "Only in peak.", "Sundays.", "The office keeps it.", "No."),
        ("Bank transfer.", "Yes, often.", "Every week.", "I have it.", "Some money."),
        ("Cash in hand.", "Twelve hours.", "Rarely.", "Mine.", "Nothing."),
    ]
    interviews = [interview(worker(i), answers=a) for i, a in enumerate(own)]
    assert detect_coached_answers(interviews, T) is None
