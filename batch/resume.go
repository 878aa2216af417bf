package batch

import (
	"context"

	"shebao"
)

// Resume finishes, in the background, every batch left BatchApplying by a
// process that stopped before its end (a crash, a kill, a power cut): the
// app calls it when the server starts. Each runs as the account that
// uploaded it, on that account's channel (ChannelFor: a kiosk upload
// resumes as online), and every row's ClientKey makes a row submitted
// before the crash the same item, not a second one. A batch whose account
// is gone or disabled is left applying for a person to apply again. With
// several servers on one PostgreSQL, Run skips a batch whose lease another
// server holds (lease.go); the app calls Resume every minute, so a batch
// whose server was killed is finished once its lease runs out. Wait waits
// for the runs.
func (s *Service) Resume(ctx context.Context) error {
	var left []shebao.Batch
	var actors []shebao.Actor
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		bs, err := tx.BatchesIn(ctx, shebao.BatchApplying)
		for _, b := range bs {
			acc, err := tx.Account(ctx, b.CreatedBy)
			if err != nil || acc.Disabled {
				s.log().WarnContext(ctx, "batch left applying: its account cannot resume it", "batch", b.ID, "err", err)
				continue
			}
			a := shebao.Actor{AccountID: acc.ID, Username: acc.Username, Role: acc.Role, UnitID: acc.UnitID}
			left, actors = append(left, b), append(actors, a.OnItsChannel())
		}
		return err
	})
	if err != nil {
		return err
	}
	ctx = context.WithoutCancel(ctx)
	for i, b := range left {
		s.log().DebugContext(ctx, "resuming batch left applying", "batch", b.ID, "done", b.Done, "rows", b.Rows)
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			if _, err := s.Run(ctx, actors[i], b.ID); err != nil {
				s.log().ErrorContext(ctx, "batch resume", "batch", b.ID, "err", err)
			}
		}()
	}
	return nil
}
