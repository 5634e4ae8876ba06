"""Coached answers: many workers reciting the same script in interview.

Seed 004 L636: "Employers may coach workers to lie about conditions, such as their pay,
working hours, or overtime", and managers intimidate workers into it. People describing the
same job use different words; a script comes back nearly word for word.

Cost: answers are compared per question with ``rapidfuzz.process.cdist`` (C, all pairs),
on at most ``max_interviews_compared`` interviews, so the quadratic step is bounded
(400 x 400 per question); exact duplicates are not special-cased because cdist scores them
at 100 anyway.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from screening.deception._common import capped, evenly_spaced, interview_ref, pct, scaled_strength
from screening.deception.thresholds import DeceptionThresholds
from screening.inputs.evidence import InterviewRecord
from screening.reliability import DeceptionPattern

CODE = "coached_answers"

_NON_WORD = re.compile(r"[^\w]+")


def normalise_answer(text: str) -> str:
    """Lower case, punctuation and spacing removed: a script survives re-punctuation."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _count_echoes(
    positions: list[int],
    texts: list[str],
    long_answers: list[int],
    echoed: list[int],
    t: DeceptionThresholds,
) -> None:
    """Count, for each worker at ``positions``, one compared answer and whether at least
    ``echo_min_peers`` other workers gave it near-verbatim."""
    for pos in positions:
        long_answers[pos] += 1
    if len(texts) <= t.echo_min_peers:
        return
    scores = process.cdist(
        texts, texts, scorer=fuzz.ratio, score_cutoff=t.answer_similarity, dtype=np.uint8
    )
    # Each row counts itself once (score 100 on the diagonal), hence the minus one.
    peers = np.count_nonzero(scores, axis=1) - 1
    for pos, n_peers in zip(positions, peers.tolist(), strict=True):
        if n_peers >= t.echo_min_peers:
            echoed[pos] += 1


def detect_coached_answers(
    interviews: Sequence[InterviewRecord], t: DeceptionThresholds
) -> DeceptionPattern | None:
    """A share of interviewees whose long answers are echoed near-verbatim by other workers."""
    with_answers = sorted((i for i in interviews if i.answers), key=lambda i: i.worker_ref)
    sample = evenly_spaced(with_answers, t.max_interviews_compared)
    n_questions = max((len(i.answers) for i in sample), default=0)
    long_answers = [0] * len(sample)
    echoed = [0] * len(sample)
    short: list[list[str]] = [[] for _ in sample]
    for q in range(n_questions):
        positions: list[int] = []
        texts: list[str] = []
        for pos, interview in enumerate(sample):
            if q >= len(interview.answers):
                continue
            text = normalise_answer(interview.answers[q])
            if len(text.split()) < t.min_answer_words:
                if text:
                    short[pos].append(text)
                continue
            positions.append(pos)
            texts.append(text)
        _count_echoes(positions, texts, long_answers, echoed, t)
    # One short answer coincides honestly ("yes", "8 hours"); the same run of short answers,
    # question after question, from several workers is a script all the same. Each worker's
    # short answers are compared as one transcript when it says enough to be told apart.
    positions, texts = [], []
    for pos, answers in enumerate(short):
        transcript = " ".join(answers)
        words = transcript.split()
        if len(words) >= t.min_answer_words and len(set(words)) >= t.min_transcript_words:
            positions.append(pos)
            texts.append(transcript)
    _count_echoes(positions, texts, long_answers, echoed, t)
    assessed = [p for p in range(len(sample)) if long_answers[p]]
    if len(assessed) < t.min_workers_for_share:
        return None
    coached = [
        sample[p].worker_ref
        for p in assessed
        if echoed[p] and echoed[p] >= t.echo_question_share * long_answers[p]
    ]
    share = len(coached) / len(assessed)
    strength = scaled_strength(share, t.coached_worker_share, t.coached_worker_share_saturates)
    if strength == 0.0:
        return None
    capped_note = (
        f" (a sample of {len(sample)} of {len(with_answers)} interviews)"
        if len(sample) < len(with_answers)
        else ""
    )
    return DeceptionPattern(
        code=CODE,
        strength=strength,
        summary=(
            f"{len(coached)} of {len(assessed)} interviewed workers ({pct(share)}) gave answers "
            f"near-identical to at least {t.echo_min_peers} other workers'{capped_note}, "
            "as a rehearsed script would."
        ),
        evidence=capped((interview_ref(w) for w in coached), t.max_evidence_refs),
    )
