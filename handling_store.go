package shebao

import "context"

// FactsReader reads what the handling engine decides a request on
// (package handling) in one statement. Tx has it; a Store may have it
// too (sqldb.DB), to read it outside any transaction: one statement reads
// one snapshot, so a preview needs no read transaction of its own
// (docs/PERFORMANCE.md, "The engine's reads").
type FactsReader interface {
	// RequestFacts reads the unit, the policies, the person with their
	// coverages (and registrations when asked), and whether the unit
	// already has an item with the idempotency key, all at once. A unit or
	// person that does not exist is left zero: no error.
	RequestFacts(ctx context.Context, q FactsQuery) (RequestFacts, error)
}

// FactsQuery is what RequestFacts is asked for.
type FactsQuery struct {
	UnitID   int64
	IDNumber string
	// FromYear and ToYear bound the years whose policies are read: the
	// newest version of each (PolicyYears).
	FromYear, ToYear int
	// Registrations asks for the person's registrations too (false when
	// the employment service gives them).
	Registrations bool
	// ClientKey, when not empty, asks for the unit's item with that
	// idempotency key.
	ClientKey string
}

// RequestFacts is RequestFacts's answer.
type RequestFacts struct {
	Unit          Unit     // ID 0: no such unit
	Policies      Policies // the newest version of each year asked that has one
	ReplayID      int64    // the unit's item with the ClientKey asked; 0 when none
	Person        Person   // ID 0: no one has the ID number
	Coverages     []Coverage
	Registrations []Registration // only when asked
	// UnitNames names the units other than Unit at which the person has an
	// active coverage.
	UnitNames map[int64]string
}

// Policies holds policies by year, the newest version of each: a
// PolicyReader without a store, for PolicyInForce.
type Policies map[int]Policy

// Policy returns year's policy. ENOTFOUND when the year has none.
func (p Policies) Policy(_ context.Context, year int) (Policy, error) {
	if pol, ok := p[year]; ok {
		return pol, nil
	}
	return Policy{}, &Error{Code: ENOTFOUND, Reason: ReasonNotFound}
}
