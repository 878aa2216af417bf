package employment_test

import (
	"bytes"
	"io"
	"testing"

	"shebao"
	"shebao/employment"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// rows returns three good registrations with unit code.
func rows(code string) []employment.Record {
	return []employment.Record{
		{SourceID: "JY2026-0001", IDNumber: idNumber(1), Name: "张三", CreditCode: code, Start: "2026-06-01", RegisteredOn: "2026-06-02"},
		{SourceID: "JY2026-0002", IDNumber: idNumber(2), Name: "李四", CreditCode: code, Start: "2026-06-15", RegisteredOn: "2026/6/16"},
		{SourceID: "JY2026-0003", IDNumber: idNumber(3), Name: "王五", CreditCode: code, Start: "20260301", RegisteredOn: "20260301", End: "2026-06-30"},
	}
}

func TestImportIdempotent(t *testing.T) {
	for _, format := range []struct {
		name string
		file func(testing.TB, []employment.Record) *bytes.Buffer
	}{{"regs.csv", csvFile}, {"regs.xlsx", xlsxFile}} {
		t.Run(format.name, func(t *testing.T) {
			sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
				svc, unit := newService(t, db)
				recs := rows(unit.CreditCode)
				rep, err := svc.ImportFile(t.Context(), staff, format.name, format.file(t, recs))
				if err != nil {
					t.Fatal(err)
				}
				diff(t, "first import", countsOf(rep), counts{Read: 3, Inserted: 3})
				diff(t, "rejects", rep.Rejects, []shebao.ImportReject(nil))

				rep, err = svc.ImportFile(t.Context(), staff, format.name, format.file(t, recs))
				if err != nil {
					t.Fatal(err)
				}
				diff(t, "same file again", countsOf(rep), counts{Read: 3, Unchanged: 3})

				recs[1].End = "2026-07-01" // a termination
				rep, err = svc.ImportFile(t.Context(), staff, format.name, format.file(t, recs))
				if err != nil {
					t.Fatal(err)
				}
				diff(t, "edited row", countsOf(rep), counts{Read: 3, Updated: 1, Unchanged: 2})

				// The person was created from the ID number, with the stored registration.
				var regs []shebao.Registration
				err = db.View(t.Context(), func(tx shebao.Tx) error {
					p, err := tx.PersonByIDNumber(t.Context(), idNumber(2))
					if err != nil {
						return err
					}
					regs, err = tx.Registrations(t.Context(), p.ID)
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				if len(regs) != 1 || regs[0].End != 20260701 || regs[0].Start != 20260615 || regs[0].UnitID != unit.ID {
					t.Errorf("registrations = %+v", regs)
				}
				err = db.View(t.Context(), func(tx shebao.Tx) error {
					p, err := tx.PersonByIDNumber(t.Context(), idNumber(2))
					if err != nil {
						return err
					}
					if p.Name != "李四" || p.BirthDate != shebao.NewDate(1990, 1, 3) || p.Sex != shebao.Female {
						t.Errorf("created person = %+v", p)
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				st, err := svc.Status(t.Context(), staff)
				if err != nil {
					t.Fatal(err)
				}
				if len(st.Reports) != 3 || st.Last[shebao.ImportFile].Updated != 1 || st.Last[shebao.ImportFile].Source != format.name {
					t.Errorf("status = %+v", st)
				}
				if _, ok := st.Last[shebao.ImportAPI]; ok {
					t.Errorf("status shows an API arrival before any push")
				}
			})
		})
	}
}

func TestImportRejects(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		svc, unit := newService(t, db)
		if _, err := svc.ImportFile(t.Context(), staff, "first.csv", csvFile(t, rows(unit.CreditCode)[:1])); err != nil {
			t.Fatal(err)
		}
		other := creditCode(t, 2)
		good := func(id string, i int) employment.Record {
			return employment.Record{SourceID: id, IDNumber: idNumber(i), Name: "赵六", CreditCode: unit.CreditCode,
				Start: "2026-07-01", RegisteredOn: "2026-07-01"}
		}
		recs := []employment.Record{
			good("A-1", 10), // row 2: good
			good("A-2", 11), // row 3: duplicated identically by row 4
			good("A-2", 11), // row 4
			good("A-3", 12), // row 5: duplicated differently by row 6
			good("A-3", 13), // row 6
			{SourceID: "A-4", IDNumber: idNumber(14), Name: "孙七", CreditCode: other, Start: "2026-07-01", RegisteredOn: "2026-07-01"},                              // row 7: unknown unit
			{SourceID: "JY2026-0001", IDNumber: idNumber(15), Name: "周八", CreditCode: unit.CreditCode, Start: "2026-06-01", RegisteredOn: "2026-06-02"},            // row 8: stored for another person
			{SourceID: "A-5", IDNumber: "110105199001011230", Name: "吴九", CreditCode: unit.CreditCode, Start: "2026-07-01", RegisteredOn: "2026-07-01"},            // row 9: check character
			{SourceID: "A-6", IDNumber: idNumber(16), Name: "郑十", CreditCode: unit.CreditCode, Start: "2026-07-01", RegisteredOn: "2026-07-09"},                    // row 10: registered tomorrow
			{SourceID: "A-7", IDNumber: idNumber(17), Name: "钱一", CreditCode: unit.CreditCode, Start: "2026-07-01", RegisteredOn: "2026-07-01", End: "2026-06-30"}, // row 11
			{SourceID: "", IDNumber: idNumber(18), Name: "冯二", CreditCode: unit.CreditCode, Start: "2026-07-01", RegisteredOn: "2026-07-01"},                       // row 12
			{SourceID: "A-8", IDNumber: idNumber(19), Name: "陈三", CreditCode: unit.CreditCode, Start: "2026-02-30", RegisteredOn: "2026-07-01"},                    // row 13
			good("A-9", 20), // row 14: good
		}
		rep, err := svc.ImportFile(t.Context(), staff, "mixed.csv", csvFile(t, recs))
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "counts", countsOf(rep), counts{Read: 13, Inserted: 3, Rejected: 10})
		type rej struct {
			Row    int
			Field  string
			Reason string
			Args   []string
		}
		var got []rej
		for _, r := range rep.Rejects {
			got = append(got, rej{r.Row, r.Field, r.Reason, r.Args})
		}
		diff(t, "rejects", got, []rej{
			{4, "source_id", employment.ReasonDuplicate, []string{"3"}},
			{5, "source_id", employment.ReasonDuplicateDiffer, []string{"6"}},
			{6, "source_id", employment.ReasonDuplicate, []string{"5"}},
			{7, "credit_code", employment.ReasonUnitUnknown, []string{other}},
			{8, "id_number", employment.ReasonConflict, []string{shebao.MaskIDNumber(idNumber(1)), unit.CreditCode}},
			{9, "id_number", shebao.ReasonIDCheck, []string{string(rules.IDCheckChar("11010519900101123"))}},
			{10, "registered_on", employment.ReasonRegisteredLater, []string{"2026-07-08"}},
			{11, "end", employment.ReasonEndBeforeStart, []string{"2026-07-01"}},
			{12, "source_id", shebao.ReasonRequired, nil},
			{13, "start", shebao.ReasonDateMalformed, nil},
		})
		// The report is stored with its rejects.
		st, err := svc.Status(t.Context(), staff)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "stored report", st.Last[shebao.ImportFile], rep)
	})
}

func TestImportConflictingUnit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		svc, unit := newService(t, db)
		second := shebao.Unit{CreditCode: creditCode(t, 2), Name: "东方物流有限公司", Status: shebao.UnitActive, CreatedAt: now}
		if err := db.InTx(t.Context(), func(tx shebao.Tx) error { return tx.CreateUnit(t.Context(), &second) }); err != nil {
			t.Fatal(err)
		}
		recs := rows(unit.CreditCode)[:1]
		if _, err := svc.ImportFile(t.Context(), staff, "a.csv", csvFile(t, recs)); err != nil {
			t.Fatal(err)
		}
		recs[0].CreditCode = second.CreditCode
		rep, err := svc.ImportFile(t.Context(), staff, "a.csv", csvFile(t, recs))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Rejected != 1 || rep.Rejects[0].Field != "credit_code" || rep.Rejects[0].Reason != employment.ReasonConflict {
			t.Errorf("report = %+v", rep)
		}
	})
}

func TestImportWholeFileErrors(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		svc, _ := newService(t, db)
		cases := []struct {
			name, file, body string
			reason           string
		}{
			{"unknown format", "a.txt", "x", employment.ReasonFileFormat},
			{"missing column", "a.csv", "备案编号,姓名\nA,张三\n", employment.ReasonMissingColumn},
			{"header only", "a.csv", "备案编号,身份证号码,姓名,统一社会信用代码,用工开始日期,备案日期\n", employment.ReasonNoRows},
			{"empty", "a.csv", "", employment.ReasonNoRows},
			{"broken xlsx", "a.xlsx", "PK not a zip", employment.ReasonFileUnreadable},
		}
		for _, c := range cases {
			_, err := svc.ImportFile(t.Context(), staff, c.file, bytes.NewBufferString(c.body))
			wantCode(t, err, shebao.EINVALID, c.reason)
		}
		// Operators and reviewers may not import.
		_, err := svc.ImportFile(t.Context(), shebao.Actor{Role: shebao.RoleOperator, UnitID: 1}, "a.csv", io.NopCloser(bytes.NewBufferString("")))
		wantCode(t, err, shebao.EFORBIDDEN, shebao.ReasonForbidden)
		st, err := svc.Status(t.Context(), staff)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Reports) != 0 {
			t.Errorf("failed files left reports: %+v", st.Reports)
		}
	})
}

func TestPush(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		svc, unit := newService(t, db)
		var err error
		if svc.TokenHash, err = employment.ParseToken("a-long-enough-secret-token-0001"); err != nil {
			t.Fatal(err)
		}
		wantCode(t, svc.Authenticate("wrong"), shebao.EUNAUTHORIZED, employment.ReasonTokenRejected)
		wantCode(t, svc.Authenticate(""), shebao.EUNAUTHORIZED, employment.ReasonTokenRejected)
		if err := svc.Authenticate("a-long-enough-secret-token-0001"); err != nil {
			t.Fatal(err)
		}
		recs := rows(unit.CreditCode)
		for i := range recs {
			recs[i].Row = i + 1
		}
		rep, err := svc.Push(t.Context(), recs)
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "push", countsOf(rep), counts{Read: 3, Inserted: 3})
		if rep.Channel != shebao.ImportAPI || rep.Username != employment.SystemUser {
			t.Errorf("report = %+v", rep)
		}
		st, err := svc.Status(t.Context(), staff)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Last[shebao.ImportAPI].At.Equal(now) || !st.APIOn {
			t.Errorf("status = %+v", st)
		}
		off := &employment.Service{Store: db, Clock: fixedClock(now)}
		wantCode(t, off.Authenticate("a-long-enough-secret-token-0001"), shebao.EFORBIDDEN, employment.ReasonAPIOff)
	})
}

func TestParseToken(t *testing.T) {
	h1, err := employment.ParseToken("a-long-enough-secret-token-0001")
	if err != nil {
		t.Fatal(err)
	}
	h2, err := employment.ParseToken("sha256:" + hexOf(h1))
	if err != nil || !bytes.Equal(h1, h2) {
		t.Fatalf("sha256: form = %x, %v", h2, err)
	}
	for _, bad := range []string{"short", "sha256:abc"} {
		if _, err := employment.ParseToken(bad); err == nil {
			t.Errorf("ParseToken(%q) accepted", bad)
		}
	}
	if h, err := employment.ParseToken(""); h != nil || err != nil {
		t.Errorf("empty token = %x, %v", h, err)
	}
}
