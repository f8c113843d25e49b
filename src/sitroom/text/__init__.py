"""Pure text helpers shared by the components and the trainers (quotations, ...): no spaCy, no parse."""
