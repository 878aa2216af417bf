// Package review is the review queue (复核): items that need a person — back-pay,
// identity corrections, a unit's legal changes — wait in status in_review,
// oldest first, against the office's 3-minute target. A reviewer approves an
// item or returns it with a reason; the decision is a conditional status
// change, so that of two reviewers deciding one item exactly one wins, and
// the item type's shebao.ReviewHook applies (or releases) its effect in the
// same transaction.
package review

import (
	"context"
	"log/slog"
	"time"

	"shebao"
)

// DefaultTarget is the office's target time from submission to decision.
const DefaultTarget = 3 * time.Minute

// Reasons of the review queue, with messages in package i18n (office.go).
const (
	// ReasonDecided: another reviewer decided the item first.
	ReasonDecided = "REVIEW_DECIDED"
	// ReasonWithdrawn: the unit withdrew the item before it was decided.
	ReasonWithdrawn = "REVIEW_WITHDRAWN"
	// ReasonNoHook: the item's type has no review hook configured.
	ReasonNoHook = "REVIEW_NO_HOOK"
)

// Service is the review queue.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
	// Hooks apply each reviewed item type's effect; the package that owns a
	// type provides its hook.
	Hooks map[shebao.ItemType]shebao.ReviewHook
	// Target is the office's target time to a decision; DefaultTarget when 0.
	Target time.Duration
}

// Entry is an item waiting in the queue, with how long it has waited.
type Entry struct {
	shebao.Item
	Age  time.Duration
	Late bool // Age is beyond the target
}

// Queue is one page of the review queue.
type Queue struct {
	Entries []Entry
	Total   int
	Target  time.Duration
}

func (s *Service) target() time.Duration {
	if s.Target > 0 {
		return s.Target
	}
	return DefaultTarget
}

func (s *Service) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.New(slog.DiscardHandler)
}

// mayReview reports whether a may see and decide the queue: reviewers and
// admins.
func mayReview(a shebao.Actor) error {
	if a.Role != shebao.RoleReviewer && a.Role != shebao.RoleAdmin {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	return nil
}

// entry returns it with its age at now.
func (s *Service) entry(it shebao.Item, now time.Time) Entry {
	age := now.Sub(it.CreatedAt)
	if age < 0 {
		age = 0
	}
	return Entry{Item: it, Age: age, Late: age > s.target()}
}

// List returns a page of the queue, oldest first, of one item type when typ
// is not empty. Errors: EFORBIDDEN for anyone but reviewers and admins.
func (s *Service) List(ctx context.Context, a shebao.Actor, typ shebao.ItemType, limit, offset int) (Queue, error) {
	if err := mayReview(a); err != nil {
		return Queue{}, err
	}
	limit = shebao.PageLimit(limit)
	now := s.Clock.Now()
	q := Queue{Target: s.target()}
	var items []shebao.Item
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		items, q.Total, err = tx.ReviewQueue(ctx, typ, limit, offset)
		return err
	})
	for _, it := range items {
		q.Entries = append(q.Entries, s.entry(it, now))
	}
	return q, err
}

// Item returns one item for the reviewer's decision page, in whatever
// status it is now. Errors: EFORBIDDEN, ENOTFOUND.
func (s *Service) Item(ctx context.Context, a shebao.Actor, id int64) (Entry, error) {
	if err := mayReview(a); err != nil {
		return Entry{}, err
	}
	var it shebao.Item
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		it, err = tx.Item(ctx, id)
		return err
	})
	if err != nil {
		return Entry{}, err
	}
	return s.entry(it, s.Clock.Now()), nil
}
