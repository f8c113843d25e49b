"""Claims: who asserts, denies or declines to comment on what, with the cue, the content and its verification.

Rules over the dependency parse, with the cue lexicon as data: the source is the cue's subject or by-agent, the
content its complement clause, its object (for denials and responses) or the quotation it introduces. A response
("The Kremlin has dismissed those claims") links to the claim it answers, and a verification phrase ("could not be
independently verified", "did not provide evidence") attaches to the claim it qualifies, across sentences, by
matching the noun that refers back ("the reports", "his claim") to the cue of an earlier claim.

The package, one module a job: ``lexicon`` (the data files), ``options`` (``ClaimOptions``), ``context`` (what one
Doc's extraction shares, made per call), ``finders`` (the cue finders, a registry run in the configured order),
``signed`` (signed words), ``content``, ``source``, ``continuation`` (cue-less quote paragraphs), ``speakers``
(first-person sources), ``responses`` (response targets and verification over the parse), ``linking`` (the same
rules' parse-free part, importable without spaCy), ``dates``, ``cue_model`` and ``cue_extent`` (the learned files
at run time), ``extractor`` (the pipeline of those steps) and ``component`` (the ``sitroom_claims`` factory).
This file imports nothing, so ``sitroom.extract.claims.linking`` can be imported where spaCy is not.
"""
