package shebao

// Attempts is how many times a service runs a transaction that lost a race:
// the first try and two retries (docs/ARCHITECTURE.md, "Races resolve to
// one winner without locks").
const Attempts = 3

// Retry runs fn, a whole transaction, up to Attempts times while it loses a
// race (ECONFLICT from a unique index or a conditional update; a client key
// reused for a different request is no race and is not retried). Each retry
// reads afresh and so sees the winner's result: "insured at another unit",
// or the item that the same client key already made.
func Retry(fn func() error) error {
	var err error
	for range Attempts {
		err = fn()
		if e := AsError(err); err == nil || e.Code != ECONFLICT || e.Reason == ReasonKeyReused {
			return err
		}
	}
	return err
}
