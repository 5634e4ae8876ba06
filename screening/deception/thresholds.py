"""Every policy number the audit-deception detectors use, each with its source or rationale.

Seed citations are (file in ``shared/seeds``, line). "Seed 004" is the US State Department
*Trafficking in Persons Report 2023*, whose "Deceiving the Watchdogs" section (L608-L652)
describes the tactics these detectors look for. Where no public source fixes a number, the
comment says so and names the reasoning; ``docs/audit-reliability.md`` repeats the table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DeceptionThresholds:
    # --- shared -------------------------------------------------------------------------------
    # A share-of-workers signal needs a population: below this many assessable workers a
    # detector returns None instead of claiming a share (partial evidence degrades to silence).
    min_workers_for_share: int = 5
    # Evidence refs kept per pattern: enough for a reviewer to open examples, not 450k rows.
    max_evidence_refs: int = 25

    # --- 1. timesheets_too_regular --------------------------------------------------------------
    # Seed 004 L620/L624: consultants create "false employment records"; "double book-keeping".
    # Clocked hours vary by minutes from day to day; a month of worked days whose hours span
    # no more than 3 minutes is typed, not clocked. 0.05 h = 3 min.
    flat_hours_tolerance: float = 0.05
    # "Zero variance across a month": judge a calendar month once the worker has this many
    # worked days in it (a 6-day week gives ~26; 15 leaves room for leave and sickness).
    flat_month_min_days: int = 15
    # Share of assessable workers with a flat month that fires the pattern. Honest clock data
    # gives ~0 (generator tests: max 0 over 30 seeds); 0.2 leaves room for a few salaried
    # staff whose hours are legitimately recorded at contract hours.
    flat_worker_share: float = 0.2
    flat_worker_share_saturates: float = 0.6
    flat_min_workers: int = 3

    # --- 2. payroll_timesheet_mismatch ----------------------------------------------------------
    # Seed 004 L624: "alter pay slips to conceal prohibited wage deductions or overtime work".
    # Hours paid may round; 2 h or 5 % a month is more than rounding and less than a shift.
    paid_hours_tolerance_abs: float = 2.0
    paid_hours_tolerance_rel: float = 0.05
    # Money tolerance: 1 currency unit or 1 % of gross covers rounding of cents and taxes.
    pay_tolerance_abs: float = 1.0
    pay_tolerance_rel: float = 0.01
    # Share of workers with an inconsistent pay record that fires; 10 % mirrors item 3's rule.
    payroll_worker_share: float = 0.1
    payroll_worker_share_saturates: float = 0.5

    # --- 3. interviews_contradict_records -------------------------------------------------------
    # Seed 004 L636: workers are coached "to lie about ... their pay, working hours, or
    # overtime"; when they do not, their account contradicts the books. The project brief
    # (SPEC 4.4) fixes "more than 10 % of those interviewed".
    contradiction_share: float = 0.1
    contradiction_share_saturates: float = 0.5
    # Recall error: people misremember a week by a few hours; 4 h or 10 % is beyond that.
    reported_hours_tolerance_abs: float = 4.0
    reported_hours_tolerance_rel: float = 0.1
    # Rest days are reported as whole days; 0.75 of a day per week is more than rounding.
    reported_rest_days_tolerance: float = 0.75
    min_interviews_compared: int = 5

    # --- 4. coached_answers ---------------------------------------------------------------------
    # Seed 004 L636: "Employers may coach workers to lie about conditions". Coached workers
    # recite a script; rapidfuzz ``ratio`` >= 90 (0-100) on normalised text is a recital with
    # at most a word or two changed, not two people describing the same job in their own words.
    answer_similarity: float = 90.0
    # Short answers ("yes", "no", "8 hours") coincide honestly; only answers this long count.
    min_answer_words: int = 6
    # A worker's short answers are compared as one transcript when it has at least
    # ``min_answer_words`` words of which this many are distinct: "no no yes no no" is five
    # honest yes/no answers, "no 8 hours yes sunday" a recital. Judgement.
    min_transcript_words: int = 4
    # A worker echoes the script when >= this many other workers gave a near-identical answer.
    echo_min_peers: int = 2
    # ... on at least this share of their long answers.
    echo_question_share: float = 0.5
    coached_worker_share: float = 0.25
    coached_worker_share_saturates: float = 0.75
    # O(n^2) guard: compare at most this many interviews (evenly spaced by worker ref);
    # 400^2 pairs per question is ~10 ms in rapidfuzz.cdist. The square-root sampling rule
    # asks for ~71 interviews at 5,000 workers, so the cap rarely binds.
    max_interviews_compared: int = 400

    # --- 5. shared_payment_account --------------------------------------------------------------
    # SPEC 4.3: wages "paid ... into accounts shared by many workers" (a recruiter or broker
    # controls the account: seed 004 L436 "withholding of pay", L624 wage concealment).
    # Two workers may share honestly (a couple); three or more is a controlled account.
    shared_account_min_workers: int = 3
    # One account collecting this many workers' wages fires on its own.
    shared_account_alarm_workers: int = 5
    shared_account_worker_share: float = 0.1
    shared_account_worker_share_saturates: float = 0.4

    # --- 6. report_copied -----------------------------------------------------------------------
    # Seed 004 L620: consultants help sites pass; the Cornell ILR review found 45 % of
    # 40,000 audits unreliable (L618). A report whose site-specific text matches another
    # supplier's was not written from this site. rapidfuzz ``ratio`` on normalised text.
    report_similarity: float = 90.0
    # Sentences in at least this share of peer reports (and >= boilerplate_min_reports of
    # them) are the audit firm's template, removed before comparing.
    boilerplate_peer_share: float = 0.5
    boilerplate_min_reports: int = 3
    # Below this many characters of site-specific text there is nothing to compare.
    min_report_chars: int = 200

    # --- 7. audit conduct -----------------------------------------------------------------------
    # Seed 004 L645 "Ensuring that audits are unannounced"; L632 passports in lockers handed
    # back "only ... during audits" and L638 hiding workers both need advance notice.
    announced_strength: float = 0.6
    semi_announced_strength: float = 0.3
    # Seed 004 L616-L620: a passing audit wins contracts, and consultants may bribe auditors;
    # HRW (peers.md section 5) reports leniency when the audited firm pays.
    paid_by_supplier_strength: float = 0.5
    # No social-audit scheme rule was found for auditor rotation; we borrow financial-audit
    # practice (IESBA Code s.540: key partner rotates after 7 years; EU Reg. 537/2014 art. 17:
    # firm at most 10 years) scaled to annual social audits: the same person three audits
    # running, or the same firm five audits running.
    same_auditor_max_consecutive: int = 2
    same_firm_max_consecutive: int = 4
    # Interview sample: the square root of the workforce, the rule of the Seafood Social Risk
    # Assessment modules ("Choose a number to interview roughly equal to the square root of
    # the total number of workers", sramodulesonseafood.org, module 3, "Gathering information
    # from workers"); SMETA sizes samples by a workforce table (Best Practice Guidance App. A5).
    interview_sample_floor: int = 3
    # Seed 003 L1585 "Be unfamiliar with the local language"; RBA SVAP requires native-
    # language interviewing (peers.md section 5). Share of interviews in another language.
    foreign_language_interview_share: float = 0.1
    foreign_language_strength: float = 0.6

    # --- combination ----------------------------------------------------------------------------
    # Fabricated data (patterns 1-6) weigh fully; conduct patterns (7, 8) make deception
    # possible but do not show it, so they weigh about a third. See combine.py.
    strong_weight: float = 1.0
    conduct_weight: float = 0.35
    # score >= low_at -> low (any fired strong pattern, or three conduct patterns);
    # score >= medium_at -> medium (any single conduct pattern).
    low_at: float = 0.5
    medium_at: float = 0.1


DEFAULT_THRESHOLDS = DeceptionThresholds()
