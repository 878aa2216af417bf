package batch

import (
	"context"
	"crypto/rand"
	"errors"
	"time"

	"shebao"
)

// Several instances on one PostgreSQL (docs/OPERATIONS.md): the instance
// applying a batch holds a lease on it in the database, renewed in the
// transaction of every chunk of rows. Another instance does not apply a
// batch whose lease runs; once it has run out (the instance was killed),
// Resume on any instance claims the batch and finishes it, every row's
// ClientKey keeping a row submitted twice one item. Leases are read on the
// wall clock, not the office Clock: they measure whether a process is
// alive, and a demo's fixed day must not make them last a day.

// Lease is how long a claim lasts without renewal: far longer than a chunk
// of rows takes (about 0.4 s), short enough that a killed instance's batch
// is finished by another (which looks every ResumeEvery) within a minute.
// An instance that stalls longer loses the lease (errLeaseLost) and the
// batch goes on elsewhere.
const Lease = 30 * time.Second

// ResumeEvery is how often the app calls Resume.
const ResumeEvery = 15 * time.Second

// errLeaseLost stops a run whose lease another instance took over (this one
// stalled for longer than Lease); that instance finishes the batch.
var errLeaseLost = &shebao.Error{Code: shebao.ECONFLICT, Reason: shebao.ReasonConflict, Err: errors.New("batch lease taken over by another instance")}

// instance names this process in the leases it holds.
func (s *Service) instance() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.owner == "" {
		s.owner = rand.Text()[:16]
	}
	return s.owner
}

// lease claims batch id for this instance; false when another holds it.
func (s *Service) lease(ctx context.Context, id int64) (bool, error) {
	var held bool
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		now := time.Now()
		var err error
		held, err = tx.ClaimBatch(ctx, id, s.instance(), now, now.Add(Lease))
		return err
	})
	return held, err
}

// renew extends this instance's lease on batch id inside tx.
func (s *Service) renew(ctx context.Context, tx shebao.Tx, id int64) error {
	now := time.Now()
	held, err := tx.ClaimBatch(ctx, id, s.instance(), now, now.Add(Lease))
	if err == nil && !held {
		return errLeaseLost
	}
	return err
}
