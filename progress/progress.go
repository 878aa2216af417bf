// Package progress follows items from submission to decision: the status
// timeline of an item (submitted, in review, approved, refused, returned
// with reasons, withdrawn), withdrawal by the unit before review, and the
// decisions the unit's operator has not seen yet.
package progress

import (
	"context"
	"log/slog"
	"time"

	"shebao"
	"shebao/catalogue"
)

// ReasonNoHook is the refusal of a withdrawal whose item type has no
// review hook configured; its message is the review queue's (the same code).
const ReasonNoHook = "REVIEW_NO_HOOK"

// Service is item progress.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
	// Hooks are the review hooks by item type: withdrawing an item calls its
	// type's hook with approved=false inside the withdrawal's transaction,
	// so that what it held is released.
	Hooks map[shebao.ItemType]shebao.ReviewHook
}

func (s *Service) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}

// Timeline is an item with its status timeline.
type Timeline struct {
	Item   shebao.Item
	Events []shebao.ItemEvent
	// Withdrawable: the item waits for review and the actor's unit may withdraw it.
	Withdrawable bool
}

// Timeline returns an item and its status timeline, if a may see it.
// Errors: ENOTFOUND (also for another unit's item).
func (s *Service) Timeline(ctx context.Context, a shebao.Actor, itemID int64) (Timeline, error) {
	var tl Timeline
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		it, err := tx.Item(ctx, itemID)
		if shebao.ErrorCode(err) == shebao.ENOTFOUND || (err == nil && !a.MaySee(it.UnitID)) {
			return catalogue.NotFound()
		}
		if err != nil {
			return err
		}
		evs, err := tx.ItemEvents(ctx, itemID)
		if err != nil {
			return err
		}
		tl = Timeline{Item: a.DiscloseItem(it), Events: evs, Withdrawable: it.Status == shebao.StatusInReview && a.Role == shebao.RoleOperator}
		return nil
	})
	return tl, err
}

// Withdraw withdraws an item that waits for review, at the request of its
// unit's operator: in_review → withdrawn, conditionally, so that a
// reviewer's decision and a withdrawal racing end with one winner. The
// type's review hook runs with approved=false in the same transaction.
// Errors: ENOTFOUND (another unit's item too), EFORBIDDEN for staff,
// EREFUSED NOT_WITHDRAWABLE (arg: the item's status) once it is decided,
// EREFUSED REVIEW_NO_HOOK when the item's type has no hook in Hooks.
func (s *Service) Withdraw(ctx context.Context, a shebao.Actor, itemID int64) (shebao.Item, error) {
	if a.Role != shebao.RoleOperator || a.UnitID == 0 {
		return shebao.Item{}, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	now := s.Clock.Now()
	var it shebao.Item
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		var err error
		it, err = tx.Item(ctx, itemID)
		if shebao.ErrorCode(err) == shebao.ENOTFOUND || (err == nil && it.UnitID != a.UnitID) {
			return catalogue.NotFound()
		}
		if err != nil {
			return err
		}
		if it.Status != shebao.StatusInReview {
			return shebao.Refused(catalogue.ReasonNotWithdrawable, string(it.Status))
		}
		return s.withdrawTx(ctx, tx, a, it, now)
	})
	if shebao.ErrorCode(err) == shebao.ECONFLICT {
		// A reviewer decided between our read and our update: say what it is now.
		var cur shebao.Item
		if verr := s.Store.View(ctx, func(tx shebao.Tx) error {
			var e error
			cur, e = tx.Item(ctx, itemID)
			return e
		}); verr == nil && cur.Status != shebao.StatusInReview {
			return cur, shebao.Refused(catalogue.ReasonNotWithdrawable, string(cur.Status))
		}
	}
	if err != nil {
		return shebao.Item{}, err
	}
	it.Status, it.DecidedAt = shebao.StatusWithdrawn, now
	return it, nil
}

func (s *Service) withdrawTx(ctx context.Context, tx shebao.Tx, a shebao.Actor, it shebao.Item, now time.Time) error {
	if err := tx.SetItemStatus(ctx, it.ID, shebao.StatusInReview, shebao.StatusWithdrawn, nil, now); err != nil {
		return err
	}
	hook, ok := s.Hooks[it.Type]
	if !ok {
		// Withdrawing without the hook would keep what the item holds
		// (back-pay months, say): refuse, as the review queue does.
		s.log().ErrorContext(ctx, "no review hook", "type", it.Type, "item", it.ID)
		return shebao.Refused(ReasonNoHook, string(it.Type))
	}
	if err := hook(ctx, tx, it, false, now); err != nil {
		return err
	}
	it.Status = shebao.StatusWithdrawn
	return catalogue.Audit(ctx, tx, a, now, "item.withdraw", it, nil)
}

// Unseen is the decisions an operator has not seen yet, newest first, and
// the decision time of the newest, to pass back to MarkSeen.
type Unseen struct {
	Decisions []shebao.Decision
	Upto      time.Time
}

// maxUnseen bounds the decisions the home page lists.
const maxUnseen = 20

// Unseen returns the reviewed items of the operator's unit decided since
// the operator last marked decisions seen. Staff have none.
func (s *Service) Unseen(ctx context.Context, a shebao.Actor) (Unseen, error) {
	var u Unseen
	if a.Role != shebao.RoleOperator || a.UnitID == 0 {
		return u, nil
	}
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		since, err := tx.DecisionsSeenAt(ctx, a.AccountID)
		if err != nil {
			return err
		}
		u.Decisions, err = tx.Decisions(ctx, a.UnitID, since, maxUnseen)
		return err
	})
	if len(u.Decisions) > 0 {
		u.Upto = u.Decisions[0].At
	}
	return u, err
}

// MarkSeen records that the operator has seen the decisions up to upto
// (the Upto of the Unseen shown), so that a decision made meanwhile stays
// unseen. A time in the future is capped at now.
func (s *Service) MarkSeen(ctx context.Context, a shebao.Actor, upto time.Time) error {
	if a.Role != shebao.RoleOperator || a.UnitID == 0 {
		return nil
	}
	if now := s.Clock.Now(); upto.After(now) || upto.IsZero() {
		upto = now
	}
	return s.Store.InTx(ctx, func(tx shebao.Tx) error {
		return tx.SetDecisionsSeenAt(ctx, a.AccountID, upto)
	})
}
