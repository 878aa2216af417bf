// Package auditlog is the office's audit log viewer: who did what to which
// unit or person, from which channel and terminal, and when, filtered by
// unit, person, account, action and date range, paged, and exported as
// .xlsx or CSV. Admins only.
package auditlog

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"shebao"
	"shebao/rules"
)

// Service reads the audit log.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	// MaxExport bounds the rows of one export; DefaultMaxExport when 0.
	MaxExport int
}

// DefaultMaxExport is the most rows one export writes.
const DefaultMaxExport = 100_000

// Reasons of the viewer, with messages in package i18n (office.go).
const (
	ReasonRangeReversed = "AUDIT_RANGE_REVERSED" // the end date is before the start date
	ReasonTooMany       = "AUDIT_TOO_MANY"       // args: rows found, the most one export writes
	ReasonNoAccount     = "AUDIT_NO_ACCOUNT"     // no account with that username
	ReasonNoUnit        = "AUDIT_NO_UNIT"        // no unit with that credit code
)

// Query is the viewer's filter as typed; empty fields do not filter.
type Query struct {
	CreditCode string // the unit's unified social credit code
	IDNumber   string // the person's ID number
	Username   string // the account that acted
	Action     string // prefix: "item." matches every item action
	From, To   shebao.Date
}

// Page is one page of the log.
type Page struct {
	Rows  []shebao.AuditRow
	Total int
}

// mayView checks that a is an admin.
func mayView(a shebao.Actor) error {
	if a.Role != shebao.RoleAdmin {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	return nil
}

// List returns a page of the entries matching q, newest first. Errors:
// EFORBIDDEN; EINVALID for a field of q (see filter).
func (s *Service) List(ctx context.Context, a shebao.Actor, q Query, limit, offset int) (Page, error) {
	if err := mayView(a); err != nil {
		return Page{}, err
	}
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	var p Page
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		f, err := s.filter(ctx, tx, q)
		if err != nil {
			return err
		}
		f.Limit, f.Offset = limit, offset
		p.Rows, p.Total, err = tx.AuditRows(ctx, f)
		return err
	})
	return p, err
}

// filter resolves a query to a storage filter. Errors: EINVALID for
// "credit_code" (its format, ReasonNoUnit), "id_number" (ReasonPersonUnknown),
// "username" (ReasonNoAccount), "action" (too long), "from"/"to" (a
// malformed date, ReasonRangeReversed).
func (s *Service) filter(ctx context.Context, tx shebao.Tx, q Query) (shebao.AuditFilter, error) {
	var f shebao.AuditFilter
	if q.CreditCode != "" {
		code, err := rules.CreditCodeForLookup(q.CreditCode)
		if err != nil {
			return f, err
		}
		u, err := tx.UnitByCreditCode(ctx, code)
		if err != nil {
			return f, notFoundAs(err, "credit_code", ReasonNoUnit)
		}
		f.UnitID = u.ID
	}
	if id := strings.ToUpper(strings.TrimSpace(q.IDNumber)); id != "" {
		p, err := tx.PersonByIDNumber(ctx, id)
		if err != nil {
			return f, notFoundAs(err, "id_number", shebao.ReasonPersonUnknown)
		}
		f.PersonID = p.ID
	}
	if name := strings.TrimSpace(q.Username); name != "" {
		acc, err := tx.AccountByUsername(ctx, name)
		if err != nil {
			return f, notFoundAs(err, "username", ReasonNoAccount)
		}
		f.AccountID = acc.ID
	}
	f.Action = strings.TrimSpace(q.Action)
	if utf8.RuneCountInString(f.Action) > 64 {
		return f, shebao.Invalid("action", shebao.ReasonTooLong, "64")
	}
	return f, dateRange(&f, q.From, q.To)
}

// dateRange sets f's time bounds from an inclusive range of office days.
func dateRange(f *shebao.AuditFilter, from, to shebao.Date) error {
	if !from.IsZero() && !from.Valid() {
		return shebao.Invalid("from", shebao.ReasonDateMalformed)
	}
	if !to.IsZero() && !to.Valid() {
		return shebao.Invalid("to", shebao.ReasonDateMalformed)
	}
	if !from.IsZero() && !to.IsZero() && to < from {
		return shebao.Invalid("to", ReasonRangeReversed)
	}
	if !from.IsZero() {
		f.From = from.Time()
	}
	if !to.IsZero() {
		f.To = to.AddDays(1).Time()
	}
	return nil
}

// notFoundAs turns ENOTFOUND into an input error of field; other errors pass.
func notFoundAs(err error, field, reason string) error {
	if shebao.ErrorCode(err) == shebao.ENOTFOUND {
		return shebao.Invalid(field, reason)
	}
	return err
}

// When formats an entry's time in the office's zone.
func When(t time.Time) string { return t.In(shebao.Office).Format("2006-01-02 15:04:05") }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
