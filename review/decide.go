package review

import (
	"context"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"shebao"
)

// Decision is a reviewer's decision on one item.
type Decision struct {
	ItemID  int64
	Approve bool
	// Reason is shown to the unit as the item's note: required when the
	// item is returned, optional when approved.
	Reason string
}

// MaxReason bounds a decision's reason, in characters.
const MaxReason = 500

// Decide approves or returns an item in review. In one transaction it moves
// the item from in_review to approved or returned (a conditional change),
// stores the reason as the item's note, runs the item type's review hook and
// writes the audit entry; if any step fails, nothing is changed. Errors:
// EFORBIDDEN; EINVALID for field "reason" (required on return, too long);
// ENOTFOUND; ECONFLICT with ReasonDecided when another reviewer decided it
// first, or ReasonWithdrawn when the unit withdrew it; EREFUSED with
// ReasonNoHook when the item's type has no hook.
func (s *Service) Decide(ctx context.Context, a shebao.Actor, d Decision) (shebao.Item, error) {
	if err := mayReview(a); err != nil {
		return shebao.Item{}, err
	}
	d.Reason = strings.TrimSpace(d.Reason)
	switch {
	case !d.Approve && d.Reason == "":
		return shebao.Item{}, shebao.Invalid("reason", shebao.ReasonRequired)
	case utf8.RuneCountInString(d.Reason) > MaxReason:
		return shebao.Item{}, shebao.Invalid("reason", shebao.ReasonTooLong, "500")
	}
	now := s.Clock.Now()
	var it shebao.Item
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		var e error
		it, e = s.decideTx(ctx, tx, a, d, now)
		return e
	})
	if err != nil {
		return shebao.Item{}, err
	}
	return it, nil
}

func (s *Service) decideTx(ctx context.Context, tx shebao.Tx, a shebao.Actor, d Decision, now time.Time) (shebao.Item, error) {
	it, err := tx.Item(ctx, d.ItemID)
	if err != nil {
		return it, err
	}
	if it.Status != shebao.StatusInReview {
		return it, decidedError(it.Status)
	}
	hook, ok := s.Hooks[it.Type]
	if !ok {
		s.log().ErrorContext(ctx, "no review hook", "type", it.Type, "item", it.ID)
		return it, shebao.Refused(ReasonNoHook, string(it.Type))
	}
	to := shebao.StatusReturned
	if d.Approve {
		to = shebao.StatusApproved
	}
	// The note is set first, so that the status change's timeline event
	// carries it; a failed change rolls it back with everything else.
	if d.Reason != "" {
		if err := tx.SetItemNote(ctx, it.ID, d.Reason); err != nil {
			return it, err
		}
		it.Note = d.Reason
	}
	if err := tx.SetItemStatus(ctx, it.ID, shebao.StatusInReview, to, nil, now); err != nil {
		if shebao.ErrorCode(err) != shebao.ECONFLICT {
			return it, err
		}
		// Someone else decided (or the unit withdrew) it since we read it:
		// say which.
		cur, rerr := tx.Item(ctx, it.ID)
		if rerr != nil {
			return it, err
		}
		return cur, decidedError(cur.Status)
	}
	it.Status, it.DecidedAt, it.Reasons, it.ReasonArgs = to, now, nil, nil
	if err := hook(ctx, tx, it, d.Approve, now); err != nil {
		return it, err
	}
	return it, tx.Audit(ctx, decisionAudit(a, it, d, now))
}

// decidedError is the error for an item that is no longer in review.
func decidedError(st shebao.ItemStatus) error {
	if st == shebao.StatusWithdrawn {
		return &shebao.Error{Code: shebao.ECONFLICT, Reason: ReasonWithdrawn}
	}
	return &shebao.Error{Code: shebao.ECONFLICT, Reason: ReasonDecided}
}

func decisionAudit(a shebao.Actor, it shebao.Item, d Decision, now time.Time) shebao.AuditEntry {
	action := "review.return"
	if d.Approve {
		action = "review.approve"
	}
	e := shebao.AuditFor(a, now, action)
	e.UnitID, e.PersonID, e.ItemID = it.UnitID, it.PersonID, it.ID
	detail, _ := json.Marshal(map[string]any{"receipt": it.Receipt, "type": it.Type, "status": it.Status,
		"reason": d.Reason, "waited_seconds": int64(now.Sub(it.CreatedAt) / time.Second)})
	e.Detail = string(detail)
	return e
}
