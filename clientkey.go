package shebao

import "strings"

// ReasonKeyReused: a client key (a form's hidden key, or the API's
// Idempotency-Key) that already made an item for a different request.
const ReasonKeyReused = "IDEMPOTENCY_KEY_REUSED"

// ReplayOf checks the item that a request's client key already made (a
// double click, a client's retry): the same key answers the same request
// with its first item, and a key reused for a different item type or
// person is refused, ECONFLICT ReasonKeyReused (field client_key), so a
// client's bug is told instead of answered with someone else's item. The
// item comes back as a may read it (Actor.DiscloseItem): a key that a
// clerk's item of the same unit used answers an operator without the other
// party (docs/SECURITY.md "Personal data shown to operators"). The
// services that take client keys call it; the pages and the API add no rule.
func ReplayOf(a Actor, it Item, typ ItemType, idNumber string) (Item, error) {
	if it.Type != typ || (it.IDNumber != "" && !strings.EqualFold(it.IDNumber, strings.TrimSpace(idNumber))) {
		return Item{}, &Error{Code: ECONFLICT, Reason: ReasonKeyReused, Field: "client_key"}
	}
	it = a.DiscloseItem(it)
	it.Replayed = true
	return it, nil
}
