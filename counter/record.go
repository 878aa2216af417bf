package counter

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"shebao"
	"shebao/rules"
)

// Request is a counter-only item a clerk records for a person of a unit.
type Request struct {
	Type      shebao.ItemType // shebao.ItemCard, ItemRetirePay or ItemMaternity
	UnitID    int64
	IDNumber  string
	Documents []string // keys of the checklist's documents the clerk has seen
	Remark    string   // the clerk's remark, shown to the unit as the item's note
	ClientKey string   // idempotency key: a repeated submission returns the first item
	// OverrideReason is the clerk's reason to record a retirement payment
	// that the pre-review does not support (see retireCheck).
	OverrideReason string

	legacyID string // the legacy 15-digit number typed, set by normalize
}

// maxRemark bounds a clerk's remark, in characters.
const maxRemark = 500

func itoa(n int) string { return strconv.Itoa(n) }

// normalize checks the request's fields and puts the ID number in canonical
// form: the clerk may type a legacy 15-digit number, which is converted
// (rules.ParseIDNumberAt). Errors: EINVALID naming the field at fault.
func (r *Request) normalize(today shebao.Date) error {
	if !r.Type.CounterOnly() {
		return shebao.Invalid("type", shebao.ReasonUnknownItemType, string(r.Type))
	}
	if strings.TrimSpace(r.IDNumber) == "" {
		return shebao.Invalid("id_number", shebao.ReasonRequired)
	}
	id, err := rules.ParseIDNumberAt(r.IDNumber, shebao.Counter, today)
	if err != nil {
		return err
	}
	r.IDNumber, r.legacyID = id.Number, id.Legacy
	r.Remark = strings.TrimSpace(r.Remark)
	if utf8.RuneCountInString(r.Remark) > maxRemark {
		return shebao.Invalid("remark", shebao.ReasonTooLong, itoa(maxRemark))
	}
	r.OverrideReason = strings.TrimSpace(r.OverrideReason)
	if utf8.RuneCountInString(r.OverrideReason) > maxRemark {
		return shebao.Invalid("override_reason", shebao.ReasonTooLong, itoa(maxRemark))
	}
	if utf8.RuneCountInString(r.ClientKey) > 64 {
		return shebao.Invalid("client_key", shebao.ReasonTooLong, "64")
	}
	return nil
}

// Record records a counter-only item: the clerk has seen the documents, so
// the item is approved at once, with its checklist in Payload, the remark as
// its note, and an audit entry. A retirement payment (退休拨付) is checked
// against the retirement pre-review first (retireCheck) and stops the
// person's coverages at the unit from the next period. A repeated
// submission with the same ClientKey returns the first item. Errors:
// EFORBIDDEN; EINVALID for malformed input, an unknown person
// (shebao.ReasonPersonUnknown) or missing documents; EREFUSED for a
// suspended unit, a person the unit has never insured, or a retirement the
// pre-review does not support without the clerk's reason; ENOTFOUND for an
// unknown unit.
func (s *Service) Record(ctx context.Context, a shebao.Actor, r Request) (shebao.Item, error) {
	a, err := atCounter(a)
	if err != nil {
		return shebao.Item{}, err
	}
	now := s.Clock.Now()
	if err := r.normalize(shebao.DateOf(now)); err != nil {
		return shebao.Item{}, err
	}
	checks, err := checklist(r.Type, r.Documents)
	if err != nil {
		return shebao.Item{}, err
	}
	var it shebao.Item
	err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
		var e error
		it, e = s.recordTx(ctx, tx, a, r, Payload{Checklist: checks, OverrideReason: r.OverrideReason, LegacyID: r.legacyID}, now)
		return e
	})
	return it, err
}

func (s *Service) recordTx(ctx context.Context, tx shebao.Tx, a shebao.Actor, r Request, pl Payload, now time.Time) (shebao.Item, error) {
	if r.ClientKey != "" {
		it, err := tx.ItemByClientKey(ctx, r.UnitID, r.ClientKey)
		if err == nil {
			return shebao.ReplayOf(a, it, r.Type, r.IDNumber)
		}
		if shebao.ErrorCode(err) != shebao.ENOTFOUND {
			return shebao.Item{}, err
		}
	}
	u, p, cs, err := s.parties(ctx, tx, r)
	if err != nil {
		return shebao.Item{}, err
	}
	period, err := shebao.BusinessPeriod(ctx, tx, shebao.DateOf(now))
	if err != nil {
		return shebao.Item{}, err
	}
	if r.Type == shebao.ItemRetirePay {
		if err := retire(ctx, tx, p, u, cs, period, &pl, shebao.DateOf(now)); err != nil {
			return shebao.Item{}, err
		}
	}
	payload, err := json.Marshal(pl)
	if err != nil {
		return shebao.Item{}, err
	}
	it := shebao.Item{Type: r.Type, UnitID: u.ID, PersonID: p.ID, Channel: shebao.Counter, Period: period,
		Status: shebao.StatusApproved, ClientKey: r.ClientKey, Payload: string(payload), Note: r.Remark,
		CreatedBy: a.AccountID, CreatedAt: now, DecidedAt: now,
		UnitName: u.Name, PersonName: p.Name, IDNumber: p.IDNumber}
	if err := tx.InsertItem(ctx, &it); err != nil {
		return shebao.Item{}, err
	}
	e := shebao.AuditFor(a, now, "item."+string(it.Type))
	e.UnitID, e.PersonID, e.ItemID = u.ID, p.ID, it.ID
	detail, _ := json.Marshal(map[string]any{"receipt": it.Receipt, "status": it.Status,
		"checklist": json.RawMessage(payload), "remark": r.Remark})
	e.Detail = string(detail)
	return it, tx.Audit(ctx, e)
}

// parties reads and checks the unit and the person of a request, and
// returns the person's coverages (at every unit).
func (s *Service) parties(ctx context.Context, tx shebao.Tx, r Request) (shebao.Unit, shebao.Person, []shebao.Coverage, error) {
	u, err := tx.Unit(ctx, r.UnitID)
	if err != nil {
		return u, shebao.Person{}, nil, shebao.WithField(err, "unit")
	}
	if u.Status != shebao.UnitActive {
		return u, shebao.Person{}, nil, shebao.Refused(ReasonUnitSuspended, u.Name)
	}
	p, err := tx.PersonByIDNumber(ctx, r.IDNumber)
	if shebao.ErrorCode(err) == shebao.ENOTFOUND {
		return u, p, nil, shebao.Invalid("id_number", shebao.ReasonPersonUnknown)
	}
	if err != nil {
		return u, p, nil, err
	}
	cs, err := tx.Coverages(ctx, p.ID)
	if err != nil {
		return u, p, nil, err
	}
	for _, c := range cs {
		if c.UnitID == u.ID {
			return u, p, cs, nil
		}
	}
	return u, p, nil, shebao.Refused(ReasonNotInsuredHere, u.Name)
}
