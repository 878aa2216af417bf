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
