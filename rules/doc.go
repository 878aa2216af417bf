// Package rules holds shebao's policy rules as pure functions over the
// domain types: identifier checks, business periods, contribution bases and
// amounts, late fees and retirement ages.
//
// Nothing here reads the clock, a database or the network: callers pass
// "today" and the Policy in force. Where a rule is local configuration (the
// cutoff day, rates, bounds), it comes in through shebao.Policy; where it is
// national law or a national standard, it is written here with its source.
// Each rule, its source and its owner are in docs/RULES.md.
package rules
