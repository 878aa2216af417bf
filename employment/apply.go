package employment

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"

	"shebao"
	"shebao/rules"
)

// check parses every record and rejects those that fail their own checks
// and those whose source id appears more than once: later occurrences are
// duplicates of the first, and when any of them differs from the first,
// the first is rejected too, since nobody can tell which one is right.
func check(recs []Record, ch shebao.Channel, today shebao.Date) ([]Entry, []shebao.ImportReject) {
	var rejects []shebao.ImportReject
	first := map[string]int{} // source id → index in recs of its first occurrence
	dropped := map[int]bool{}
	for i, rec := range recs {
		id := clean(rec.SourceID)
		if id == "" {
			continue
		}
		j, seen := first[id]
		if !seen {
			first[id] = i
			continue
		}
		dropped[i] = true
		rejects = append(rejects, shebao.ImportReject{Row: rec.Row, SourceID: id, Field: ColSourceID,
			Reason: ReasonDuplicate, Args: []string{strconv.Itoa(recs[j].Row)}})
		if !dropped[j] && !same(recs[j], rec) {
			dropped[j] = true
			rejects = append(rejects, shebao.ImportReject{Row: recs[j].Row, SourceID: id, Field: ColSourceID,
				Reason: ReasonDuplicateDiffer, Args: []string{strconv.Itoa(rec.Row)}})
		}
	}
	var entries []Entry
	for i, rec := range recs {
		if dropped[i] {
			continue
		}
		e, rej := ParseRegistrationRow(rec, ch, today)
		if rej != nil {
			rejects = append(rejects, *rej)
			continue
		}
		entries = append(entries, e)
	}
	return entries, rejects
}

// same reports whether two records say the same, ignoring their row numbers
// and surrounding spaces.
func same(a, b Record) bool {
	a.Row, b.Row = 0, 0
	for _, f := range []*string{&a.SourceID, &a.IDNumber, &a.Name, &a.CreditCode, &a.Start, &a.RegisteredOn, &a.End,
		&b.SourceID, &b.IDNumber, &b.Name, &b.CreditCode, &b.Start, &b.RegisteredOn, &b.End} {
		*f = clean(*f)
	}
	return a == b
}

// apply writes the entries in tx and counts them in rep; entries that
// the database refuses become rejects of rep.
func apply(ctx context.Context, tx shebao.Tx, entries []Entry, rep *shebao.ImportReport) error {
	units := map[string]int64{} // credit code → unit id; 0: unknown
	for _, e := range entries {
		rej, outcome, err := applyOne(ctx, tx, e, units)
		if err != nil {
			return err
		}
		switch {
		case rej != nil:
			rep.Rejects = append(rep.Rejects, *rej)
			continue
		case outcome == inserted:
			rep.Inserted++
		case outcome == updated:
			rep.Updated++
		default:
			rep.Unchanged++
		}
		if e.ID.Legacy != "" {
			rep.Conversions = append(rep.Conversions, shebao.ImportConversion{Row: e.Row, SourceID: e.SourceID, LegacyID: e.ID.Legacy})
		}
	}
	return nil
}

// outcome is what became of one entry.
type outcome int

const (
	unchanged outcome = iota
	inserted
	updated
)

// applyOne writes one entry: the unit must exist, the stored registration
// with its source id (if any) must be the same person's with the same unit,
// and a person unknown to shebao is created.
func applyOne(ctx context.Context, tx shebao.Tx, e Entry, units map[string]int64) (*shebao.ImportReject, outcome, error) {
	reject := func(field, reason string, args ...string) (*shebao.ImportReject, outcome, error) {
		return &shebao.ImportReject{Row: e.Row, SourceID: e.SourceID, Field: field, Reason: reason, Args: args}, 0, nil
	}
	unitID, known := units[e.CreditCode]
	if !known {
		u, err := tx.UnitByCreditCode(ctx, e.CreditCode)
		if err != nil && shebao.ErrorCode(err) != shebao.ENOTFOUND {
			return nil, 0, err
		}
		unitID, units[e.CreditCode] = u.ID, u.ID
	}
	if unitID == 0 {
		if _, err := rules.ParseCreditCode(e.CreditCode); err != nil {
			bad := shebao.AsError(err) // not registered, and not a valid code either: say what is wrong
			return reject(ColCreditCode, bad.Reason, bad.Args...)
		}
		return reject(ColCreditCode, ReasonUnitUnknown, e.CreditCode)
	}
	person, err := tx.PersonByIDNumber(ctx, e.ID.Number)
	if err != nil && shebao.ErrorCode(err) != shebao.ENOTFOUND {
		return nil, 0, err
	}
	stored, err := tx.RegistrationBySourceID(ctx, e.SourceID)
	if err != nil && shebao.ErrorCode(err) != shebao.ENOTFOUND {
		return nil, 0, err
	}
	if stored.ID != 0 && (stored.PersonID != person.ID || stored.UnitID != unitID) {
		return conflictReject(ctx, tx, e, stored)
	}
	reg := shebao.Registration{ID: stored.ID, SourceID: e.SourceID, PersonID: person.ID, UnitID: unitID,
		Start: e.Start, RegisteredOn: e.RegisteredOn, End: e.End}
	if stored.ID != 0 && stored == reg {
		return nil, unchanged, nil
	}
	if person.ID == 0 {
		person = shebao.Person{IDNumber: e.ID.Number, Name: e.Name, Sex: e.ID.Sex, BirthDate: e.ID.Birth}
		if err := tx.CreatePerson(ctx, &person); err != nil {
			return nil, 0, err
		}
		reg.PersonID = person.ID
	}
	if err := tx.PutRegistration(ctx, &reg); err != nil {
		return nil, 0, err
	}
	if stored.ID != 0 {
		return nil, updated, nil
	}
	return nil, inserted, nil
}

// conflictReject rejects an entry whose source id is stored for another
// person or unit, naming the stored ones (the person's ID number masked).
func conflictReject(ctx context.Context, tx shebao.Tx, e Entry, stored shebao.Registration) (*shebao.ImportReject, outcome, error) {
	p, err := tx.Person(ctx, stored.PersonID)
	if err != nil {
		return nil, 0, err
	}
	u, err := tx.Unit(ctx, stored.UnitID)
	if err != nil {
		return nil, 0, err
	}
	field := ColIDNumber
	if p.IDNumber == e.ID.Number {
		field = ColCreditCode
	}
	return &shebao.ImportReject{Row: e.Row, SourceID: e.SourceID, Field: field, Reason: ReasonConflict,
		Args: []string{shebao.MaskIDNumber(p.IDNumber), u.CreditCode}}, 0, nil
}

// sortRejects orders rejects by row.
func sortRejects(r []shebao.ImportReject) {
	slices.SortStableFunc(r, func(a, b shebao.ImportReject) int { return a.Row - b.Row })
}

// importAudit is the audit record of an import: its counts, not its rows.
func importAudit(a shebao.Actor, rep shebao.ImportReport) shebao.AuditEntry {
	e := shebao.AuditFor(a, rep.At, "employment.import."+string(rep.Channel))
	detail, _ := json.Marshal(map[string]any{"source": rep.Source, "read": rep.Read, "inserted": rep.Inserted,
		"updated": rep.Updated, "unchanged": rep.Unchanged, "rejected": rep.Rejected})
	e.Detail = string(detail)
	return e
}

func itoa(n int) string { return strconv.Itoa(n) }
