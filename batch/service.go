package batch

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"shebao"
	"shebao/declaration"
	"shebao/handling"
)

// Service is batch work from Excel. Enrollment and stop rows go to the
// handling engine (Handling); base declaration rows to the declaration
// service (Declaration).
type Service struct {
	Store       shebao.Store
	Handling    *handling.Service
	Declaration *declaration.Service
	Clock       shebao.Clock
	Log         *slog.Logger

	mu      sync.Mutex
	running map[int64]bool // batches being applied by this process
	owner   string         // this instance in batch leases (lease.go)
	wg      sync.WaitGroup
}

// Upload reads an uploaded workbook of kind k for a unit (an operator's
// own; unitID for staff), checks every row (the dry run, DryRun) and stores
// the batch with its rows and the file, in status BatchChecked, with its
// audit entry in the same transaction. Nothing else is written: no item,
// no coverage. Errors: EINVALID (field "file" or
// "kind") for a file refused as a whole, EFORBIDDEN, ENOTFOUND.
func (s *Service) Upload(ctx context.Context, a shebao.Actor, unitID int64, k shebao.BatchKind, fileName string, data []byte) (shebao.Batch, error) {
	unitID, err := a.ActFor(unitID)
	if err != nil {
		return shebao.Batch{}, err
	}
	if len(data) > MaxUploadBytes {
		return shebao.Batch{}, TooLarge()
	}
	now := s.Clock.Now()
	a = a.OnItsChannel()
	sheet, err := Parse(data, k, a.Channel, shebao.DateOf(now))
	if err != nil {
		return shebao.Batch{}, err
	}
	a.UnitID = unitID
	rows, err := s.DryRun(ctx, a, unitID, k, sheet.Rows)
	if err != nil {
		return shebao.Batch{}, err
	}
	b := shebao.Batch{UnitID: unitID, Kind: k, FileName: cleanFileName(fileName), Status: shebao.BatchChecked,
		Rows: len(rows), CreatedAt: now, CreatedBy: a.AccountID, UpdatedAt: now}
	count(&b, rows)
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		if err := tx.InsertBatch(ctx, &b, data, rows); err != nil {
			return err
		}
		return tx.Audit(ctx, batchAudit(a, b, "batch.upload"))
	})
	if err != nil {
		return shebao.Batch{}, err
	}
	s.log().InfoContext(ctx, "batch uploaded", "batch", b.ID, "unit", unitID, "kind", k,
		"rows", b.Rows, "ok", b.OK, "refused", b.Refused, "malformed", b.Malformed)
	return b, nil
}

// count sets a batch's counts and monthly cost from its rows.
func count(b *shebao.Batch, rows []shebao.BatchRow) {
	b.OK, b.Refused, b.Malformed, b.Applied = 0, 0, 0, 0
	b.CostEmployer, b.CostEmployee = 0, 0
	for _, r := range rows {
		switch r.Outcome {
		case shebao.RowOK, shebao.RowSkipped:
			b.OK++
		case shebao.RowApplied:
			b.Applied++
		case shebao.RowRefused:
			b.Refused++
		case shebao.RowMalformed:
			b.Malformed++
		}
		if r.Outcome == shebao.RowOK || r.Outcome == shebao.RowApplied {
			b.CostEmployer += r.Employer
			b.CostEmployee += r.Employee
		}
	}
}

// cleanFileName keeps the base name of an uploaded file, valid UTF-8, at
// most 100 characters.
func cleanFileName(name string) string {
	name = shebao.CleanText(filepath.Base(strings.ReplaceAll(name, `\`, "/")), false)
	if name == "." || name == "/" {
		name = ""
	}
	for utf8.RuneCountInString(name) > 100 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}

// Batch returns a batch the actor may see. Errors: ENOTFOUND.
func (s *Service) Batch(ctx context.Context, a shebao.Actor, id int64) (shebao.Batch, error) {
	var b shebao.Batch
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		b, err = visible(ctx, tx, a, id)
		return err
	})
	return b, err
}

// Rows returns a batch's rows. Errors: ENOTFOUND.
func (s *Service) Rows(ctx context.Context, a shebao.Actor, id int64) (shebao.Batch, []shebao.BatchRow, error) {
	var b shebao.Batch
	var rows []shebao.BatchRow
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		if b, err = visible(ctx, tx, a, id); err != nil {
			return err
		}
		rows, err = tx.BatchRows(ctx, id)
		return err
	})
	return b, rows, err
}

// List returns the batches of the actor's unit (staff: of unitID, or all
// when 0), newest first, with the total count.
func (s *Service) List(ctx context.Context, a shebao.Actor, unitID int64, limit, offset int) ([]shebao.Batch, int, error) {
	if a.Role == shebao.RoleOperator {
		unitID = a.UnitID
	} else if !a.Role.IsStaff() {
		return nil, 0, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	var out []shebao.Batch
	var total int
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		var err error
		out, total, err = tx.Batches(ctx, unitID, limit, offset)
		return err
	})
	return out, total, err
}

// visible reads a batch the actor may see; ENOTFOUND otherwise, so that
// another unit's batch ids reveal nothing.
func visible(ctx context.Context, tx shebao.Tx, a shebao.Actor, id int64) (shebao.Batch, error) {
	b, err := tx.Batch(ctx, id)
	if err != nil {
		return b, err
	}
	if !a.MaySee(b.UnitID) {
		return shebao.Batch{}, &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound}
	}
	return b, nil
}

func (s *Service) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}
