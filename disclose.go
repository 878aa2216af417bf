package shebao

// Personal data shown to operators (docs/SECURITY.md "Personal data shown
// to operators"): some refusals explain themselves by naming another party
// — the unit that insures the person, the name on record when the operator
// typed another. Staff see them whole; an operator is told what is wrong
// and what to do, without the other party. This is the one place that
// decides it, for the pages, the API and the workbooks alike.

// RefusedNaming returns a refusal whose args name another party, with the
// reason (taking no args) that an operator gets instead.
func RefusedNaming(reason, withheld string, args ...string) *Error {
	return &Error{Code: EREFUSED, Reason: reason, Args: args, Withheld: withheld}
}

// Disclose returns e as a may read it: for anyone but staff, a refusal that
// names another party becomes its withheld form (same code and field, the
// withheld reason, no args). Other errors, and nil, come back as they are.
func (a Actor) Disclose(e *Error) *Error {
	if e == nil || e.Withheld == "" || a.Role.IsStaff() {
		return e
	}
	return &Error{Code: e.Code, Reason: e.Withheld, Field: e.Field, Err: e.Err}
}

// withheldReasons maps each stored reason whose args name another party to
// the reason an operator reads instead: items keep only reason codes and
// args, so a refusal read back from storage (one a clerk submitted, or one
// stored before RefusedNaming existed) is disclosed by its code.
var withheldReasons = map[string]string{ReasonInsuredElsewhere: ReasonInsuredOtherUnit}

// DiscloseItem returns a stored item as a may read it: for anyone but
// staff, a first reason that names another party becomes its withheld
// form, without args. Whoever reads items for an operator calls it.
func (a Actor) DiscloseItem(it Item) Item {
	if a.Role.IsStaff() || len(it.Reasons) == 0 {
		return it
	}
	if w, ok := withheldReasons[it.Reasons[0]]; ok {
		it.Reasons = append([]string{w}, it.Reasons[1:]...)
		it.ReasonArgs = nil
	}
	return it
}

// DiscloseItems applies DiscloseItem to every item of a list, in place.
func (a Actor) DiscloseItems(items []Item) {
	for i := range items {
		items[i] = a.DiscloseItem(items[i])
	}
}
