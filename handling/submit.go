package handling

import (
	"context"
	"encoding/json"
	"time"

	"shebao"
)

// Preview is what the operator sees before submitting: the person, the
// business period, the base with its clamp, and the refusal if the request
// would be refused.
type Preview struct {
	Request  Request
	Unit     shebao.Unit
	Person   shebao.Person // ID 0 when unknown
	Decision Decision
}

// Preview checks a request and tells what submitting it would do, writing
// nothing. Errors: EINVALID for malformed input, EFORBIDDEN, ENOTFOUND for
// a unit the actor cannot see.
func (s *Service) Preview(ctx context.Context, a shebao.Actor, r Request) (Preview, error) {
	today := shebao.Today(s.Clock)
	a, err := authorize(a, &r)
	if err != nil {
		return Preview{}, err
	}
	if err := r.normalize(today); err != nil {
		return Preview{}, err
	}
	regs, fromSource, err := s.registrations(ctx, r.IDNumber)
	if err != nil {
		return Preview{}, err
	}
	f, _, err := gather(ctx, s.facts(), r, today, regs, fromSource, "")
	if err != nil {
		return Preview{}, err
	}
	pv := Preview{Request: r, Unit: f.Unit, Person: f.Person, Decision: Decide(r, f, a.Channel, today)}
	pv.Decision.Refusal = a.Disclose(pv.Decision.Refusal)
	return pv, nil
}

// Submit decides a request and, when it passes, applies it at once: the
// item, the coverage change and the audit record are written in one
// transaction. A refused request becomes a refused item with its reason.
// A repeated submission with the same ClientKey returns the first item.
// Errors: EINVALID for malformed input (nothing is written), EFORBIDDEN.
func (s *Service) Submit(ctx context.Context, a shebao.Actor, r Request) (shebao.Item, error) {
	now := s.Clock.Now()
	today := shebao.DateOf(now)
	a, err := authorize(a, &r)
	if err != nil {
		return shebao.Item{}, err
	}
	if err := r.normalize(today); err != nil {
		return shebao.Item{}, err
	}
	regs, fromSource, err := s.registrations(ctx, r.IDNumber)
	if err != nil {
		return shebao.Item{}, err
	}
	var it shebao.Item
	// A conflict means another request changed this person or reused this
	// key since we read: try again, and the next attempt sees its result.
	err = shebao.Retry(func() error {
		return s.Store.InTx(ctx, func(tx shebao.Tx) error {
			var e error
			it, e = s.submitTx(ctx, tx, a, r, now, regs, fromSource)
			return e
		})
	})
	if err != nil {
		return shebao.Item{}, err
	}
	if s.Observe != nil && !it.Replayed {
		s.Observe(it, s.Clock.Now().Sub(now))
	}
	return it, nil
}

func (s *Service) submitTx(ctx context.Context, tx shebao.Tx, a shebao.Actor, r Request, now time.Time, regs []shebao.Registration, fromSource bool) (shebao.Item, error) {
	f, replay, err := gather(ctx, tx, r, shebao.DateOf(now), regs, fromSource, r.ClientKey)
	if err != nil {
		return shebao.Item{}, err
	}
	if replay != 0 {
		it, err := tx.Item(ctx, replay)
		if err != nil {
			return shebao.Item{}, err
		}
		return shebao.ReplayOf(a, it, r.Type, r.IDNumber)
	}
	d := Decide(r, f, a.Channel, shebao.DateOf(now))
	d.Refusal = a.Disclose(d.Refusal)
	it := shebao.Item{
		Type: r.Type, UnitID: r.UnitID, PersonID: f.Person.ID, IDNumber: r.IDNumber,
		Channel: a.Channel, Terminal: a.Terminal, Period: d.Period, Status: shebao.StatusApproved,
		Wage: r.Wage, Base: d.Base.Base, StopReason: r.StopReason, ClientKey: r.ClientKey,
		CreatedBy: a.AccountID, CreatedAt: now, DecidedAt: now, Payload: d.Notes.Payload(),
	}
	if d.Refusal != nil {
		it.Status = shebao.StatusRefused
		it.Reasons = []string{d.Refusal.Reason}
		it.ReasonArgs = d.Refusal.Args
	}
	if err := tx.InsertItem(ctx, &it); err != nil {
		return shebao.Item{}, err
	}
	// Audited right after the INSERT, which read the names the entry keeps
	// (the entry is appended at commit, after the coverage change).
	if err := tx.Audit(ctx, itemAudit(a, it)); err != nil {
		return shebao.Item{}, err
	}
	if it.Status == shebao.StatusApproved {
		if err := apply(ctx, tx, it); err != nil {
			return shebao.Item{}, err
		}
	}
	it.UnitName, it.PersonName = f.Unit.Name, f.Person.Name
	return it, nil
}

// apply writes the coverage change of an approved item.
func apply(ctx context.Context, tx shebao.Tx, it shebao.Item) error {
	if it.Type == shebao.ItemStop {
		n, err := tx.StopCoverages(ctx, it.PersonID, it.UnitID, it.Period.Prev())
		if err != nil {
			return err
		}
		if n == 0 {
			return &shebao.Error{Code: shebao.ECONFLICT, Reason: shebao.ReasonConflict}
		}
		return nil
	}
	cs := make([]shebao.Coverage, len(shebao.Insurances))
	for i, ins := range shebao.Insurances {
		cs[i] = shebao.Coverage{PersonID: it.PersonID, UnitID: it.UnitID, Insurance: ins,
			Status: shebao.CoverageActive, FirstPeriod: it.Period, Base: it.Base, ItemID: it.ID}
	}
	return tx.InsertCoverages(ctx, cs)
}

func itemAudit(a shebao.Actor, it shebao.Item) shebao.AuditEntry {
	e := shebao.AuditFor(a, it.CreatedAt, "item."+string(it.Type))
	e.UnitID, e.PersonID, e.ItemID = it.UnitID, it.PersonID, it.ID
	detail, _ := json.Marshal(itemDetail{Base: int64(it.Base), Period: it.Period.String(), Reasons: it.Reasons,
		Receipt: it.Receipt, Status: it.Status, StopReason: it.StopReason, Wage: int64(it.Wage)})
	e.Detail = string(detail)
	return e
}

// itemDetail is an item's audit detail. Its fields are in the order of
// their names, as the map it replaced wrote them (a struct encodes without
// sorting keys or boxing values): the text is the same.
type itemDetail struct {
	Base       int64             `json:"base"`
	Period     string            `json:"period"`
	Reasons    []string          `json:"reasons"`
	Receipt    string            `json:"receipt"`
	Status     shebao.ItemStatus `json:"status"`
	StopReason shebao.StopReason `json:"stop_reason"`
	Wage       int64             `json:"wage"`
}

// facts returns the store's reader of the engine's facts outside any
// transaction, or one that reads them in a read transaction of its own
// when the store has none.
func (s *Service) facts() shebao.FactsReader {
	if r, ok := s.Store.(shebao.FactsReader); ok {
		return r
	}
	return viewFacts{s.Store}
}

// viewFacts reads the engine's facts in a read transaction.
type viewFacts struct{ store shebao.Store }

func (v viewFacts) RequestFacts(ctx context.Context, q shebao.FactsQuery) (f shebao.RequestFacts, err error) {
	err = v.store.View(ctx, func(tx shebao.Tx) error {
		f, err = tx.RequestFacts(ctx, q)
		return err
	})
	return f, err
}

// gather reads the facts for a request in one statement, taking the
// person's registrations from regs when they came from a source
// (fromSource). With a key, replay is the id of the unit's item with that
// idempotency key (0 when it has none); when it has one, no facts are
// returned.
func gather(ctx context.Context, rd shebao.FactsReader, r Request, today shebao.Date, regs []shebao.Registration, fromSource bool, key string) (f Facts, replay int64, err error) {
	from, to := shebao.PolicyYears(today)
	rf, err := rd.RequestFacts(ctx, shebao.FactsQuery{UnitID: r.UnitID, IDNumber: r.IDNumber,
		FromYear: from, ToYear: to, Registrations: !fromSource, ClientKey: key})
	if err != nil || rf.ReplayID != 0 {
		return f, rf.ReplayID, err
	}
	if rf.Unit.ID == 0 {
		return f, 0, &shebao.Error{Code: shebao.ENOTFOUND, Reason: shebao.ReasonNotFound, Field: "unit"}
	}
	in, err := shebao.PolicyInForce(ctx, rf.Policies, today)
	if err != nil {
		return f, 0, err
	}
	f = Facts{Unit: rf.Unit, Policy: in.Policy, Period: in.Period, Person: rf.Person}
	if f.Person.ID == 0 {
		return f, 0, nil
	}
	f.Coverages, f.Registrations, f.UnitNames = rf.Coverages, rf.Registrations, rf.UnitNames
	if fromSource {
		f.Registrations = regs
	}
	return f, 0, nil
}
