package batch

import (
	"context"
	"encoding/json"
	"strconv"

	"shebao"
)

// chunk is how many rows the apply submits between two progress writes.
const chunk = 100

// ClientKey is the idempotency key of a batch row's item: a retry, a
// double click or a resumed apply finds the item made the first time.
func ClientKey(batchID int64, row int) string {
	return "batch:" + strconv.FormatInt(batchID, 10) + ":" + strconv.Itoa(row)
}

// Start is the operator's word to apply a batch. A checked batch moves to
// BatchApplying and run reports true: the caller then calls Run (at once,
// or in the background). With allOrNothing, every good row is checked
// again first; if any row of the file is bad then, nothing is applied and
// the batch becomes BatchRejected. A batch already applied or rejected is
// returned as it is (a re-apply is idempotent); one left applying (a crash,
// or a double click) reports run so that Run resumes it: every row's
// ClientKey makes a row submitted twice one item. Errors: ENOTFOUND,
// EFORBIDDEN for a role that cannot submit.
func (s *Service) Start(ctx context.Context, a shebao.Actor, id int64, allOrNothing bool) (shebao.Batch, bool, error) {
	b, rows, err := s.Rows(ctx, a, id)
	if err != nil {
		return b, false, err
	}
	if _, err := a.ActFor(b.UnitID); err != nil {
		return b, false, err
	}
	switch b.Status {
	case shebao.BatchApplied, shebao.BatchRejected:
		return b, false, nil
	case shebao.BatchApplying:
		return b, true, nil
	}
	next := b
	next.AllOrNothing, next.UpdatedAt = allOrNothing, s.Clock.Now()
	next.Status = shebao.BatchApplying
	var skipped []shebao.BatchRow
	if allOrNothing {
		a.UnitID = b.UnitID
		if skipped, err = s.recheck(ctx, a, b, rows); err != nil {
			return b, false, err
		}
		if skipped != nil {
			next.Status = shebao.BatchRejected
			count(&next, skipped)
		}
	}
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		if err := tx.SetBatchStatus(ctx, next, shebao.BatchChecked); err != nil {
			return err
		}
		if err := tx.UpdateBatchRows(ctx, b.ID, skipped); err != nil {
			return err
		}
		return tx.Audit(ctx, batchAudit(a, next, "batch.apply"))
	})
	if shebao.ErrorCode(err) == shebao.ECONFLICT { // another request started it first
		b, err = s.Batch(ctx, a, id)
		return b, err == nil && b.Status == shebao.BatchApplying, err
	}
	if err != nil {
		return b, false, err
	}
	return next, next.Status == shebao.BatchApplying, nil
}

// recheck runs the dry run again over the rows that passed it. When every
// row of the file still passes, it returns nil; otherwise every row with
// the outcome it now has, the good ones RowSkipped with ReasonNotApplied.
func (s *Service) recheck(ctx context.Context, a shebao.Actor, b shebao.Batch, rows []shebao.BatchRow) ([]shebao.BatchRow, error) {
	again, err := s.DryRun(ctx, a, b.UnitID, b.Kind, rows)
	if err != nil {
		return nil, err
	}
	bad := 0
	for _, r := range again {
		if r.Outcome != shebao.RowOK {
			bad++
		}
	}
	if bad == 0 {
		return nil, nil
	}
	for i := range again {
		if again[i].Outcome == shebao.RowOK {
			again[i].Outcome, again[i].Reason, again[i].Args = shebao.RowSkipped, ReasonAllOrNothing, []string{strconv.Itoa(bad)}
		}
	}
	return again, nil
}

// Run submits every row of an applying batch that passed the dry run, in
// row order, with the row's ClientKey — through handling.Submit, or for a
// base declaration through declaration's Apply, a chunk at a time
// (declareRows) — writing the rows' outcomes and the progress every chunk
// of rows, and finally moves the batch to BatchApplied. A row refused now
// (the facts changed since the dry run) is recorded refused with the
// reason; the other rows go on. An error stops the run with the batch left
// applying: Start and Run again resume it.
func (s *Service) Run(ctx context.Context, a shebao.Actor, id int64) (shebao.Batch, error) {
	if !s.claim(id) {
		return s.Batch(ctx, a, id) // this process is already applying it
	}
	defer s.release(id)
	if held, err := s.lease(ctx, id); err != nil || !held {
		if err != nil {
			return shebao.Batch{}, err
		}
		return s.Batch(ctx, a, id) // another instance is applying it
	}
	b, rows, err := s.Rows(ctx, a, id)
	if err != nil || b.Status != shebao.BatchApplying {
		return b, err
	}
	a.UnitID = b.UnitID
	for start := 0; start < len(rows); start += chunk {
		part := rows[start:min(start+chunk, len(rows))]
		changed, err := s.submitRows(ctx, a, b, part)
		if err != nil {
			return b, err
		}
		b.Done = start + len(part)
		b.UpdatedAt = s.Clock.Now()
		count(&b, rows)
		last := b.Done == len(rows)
		next := b
		if last {
			next.Status = shebao.BatchApplied
		}
		err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
			if err := s.renew(ctx, tx, b.ID); err != nil {
				return err
			}
			if err := tx.UpdateBatchRows(ctx, b.ID, changed); err != nil {
				return err
			}
			return tx.SetBatchStatus(ctx, next, shebao.BatchApplying)
		})
		if err != nil {
			return b, err
		}
		b = next
	}
	if b.Status == shebao.BatchApplying { // a batch of no rows
		b.Status = shebao.BatchApplied
		err = s.Store.InTx(ctx, func(tx shebao.Tx) error { return tx.SetBatchStatus(ctx, b, shebao.BatchApplying) })
	}
	s.log().InfoContext(ctx, "batch applied", "batch", b.ID, "applied", b.Applied, "refused", b.Refused)
	return b, err
}

// submitRows submits the good rows of part, updating them in place, and
// returns the rows it changed.
func (s *Service) submitRows(ctx context.Context, a shebao.Actor, b shebao.Batch, part []shebao.BatchRow) ([]shebao.BatchRow, error) {
	if b.Kind == shebao.BatchDeclare {
		return s.declareRows(ctx, a, b, part)
	}
	var changed []shebao.BatchRow
	for i := range part {
		r := &part[i]
		if r.Outcome != shebao.RowOK {
			continue
		}
		req := request(b.UnitID, *r)
		req.ClientKey = ClientKey(b.ID, r.Row)
		it, err := s.Handling.Submit(ctx, a, req)
		switch {
		case shebao.ErrorCode(err) == shebao.EINVALID:
			e := shebao.AsError(err)
			*r = refused(*r, e.Reason, e.Args...)
		case err != nil:
			return nil, err
		case it.Status == shebao.StatusApproved:
			r.Outcome, r.ItemID, r.Receipt, r.Period, r.Base = shebao.RowApplied, it.ID, it.Receipt, it.Period, it.Base
		default:
			var args []string = it.ReasonArgs
			reason := shebao.ReasonInternal
			if len(it.Reasons) > 0 {
				reason = it.Reasons[0]
			}
			*r = refused(*r, reason, args...)
			r.ItemID, r.Receipt, r.Employer, r.Employee = it.ID, it.Receipt, 0, 0
		}
		changed = append(changed, *r)
	}
	return changed, nil
}

// SyncRows is how many good rows Begin submits before it returns; a bigger
// batch is applied in the background while the caller shows its progress
// (docs/BATCH.md: about 4 ms a row on SQLite).
const SyncRows = 100

// Begin is how the pages and the API apply a batch, the one place that
// orchestrates it: Start, then Run, at once for a batch of at most SyncRows
// rows still to submit, in the background for a bigger one (Wait waits for
// it; the app calls Wait before the database closes). It returns the batch
// as it is when Begin returns: BatchApplying while the background run goes
// on. Errors: those of Start, and of Run when it ran at once.
func (s *Service) Begin(ctx context.Context, a shebao.Actor, id int64, allOrNothing bool) (shebao.Batch, error) {
	b, run, err := s.Start(ctx, a, id, allOrNothing)
	if err != nil || !run {
		return b, err
	}
	if b.OK-b.Applied <= SyncRows {
		return s.Run(ctx, a, id)
	}
	ctx = context.WithoutCancel(ctx)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		if _, err := s.Run(ctx, a, id); err != nil {
			s.log().ErrorContext(ctx, "batch apply", "batch", id, "err", err)
		}
	}()
	return b, nil
}

// Wait waits for the runs Begin started in the background.
func (s *Service) Wait() { s.wg.Wait() }

// Running reports whether this process is applying batch id now.
func (s *Service) Running(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running[id]
}

func (s *Service) claim(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.running[id] {
		return false
	}
	if s.running == nil {
		s.running = map[int64]bool{}
	}
	s.running[id] = true
	return true
}

func (s *Service) release(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.running, id)
}

func batchAudit(a shebao.Actor, b shebao.Batch, action string) shebao.AuditEntry {
	e := shebao.AuditFor(a, b.UpdatedAt, action)
	e.UnitID = b.UnitID
	detail, _ := json.Marshal(map[string]any{"batch": b.ID, "file": b.FileName, "kind": b.Kind,
		"status": b.Status, "all_or_nothing": b.AllOrNothing, "rows": b.Rows, "ok": b.OK,
		"refused": b.Refused, "malformed": b.Malformed})
	e.Detail = string(detail)
	return e
}
