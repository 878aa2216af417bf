package register

import (
	"bytes"
	"testing"
)

// FuzzReadTable: no file crashes the reader, and every row it returns has
// a cell per column of its kind.
func FuzzReadTable(f *testing.F) {
	f.Add([]byte("credit_code,name,risk_class\n91110105MA01ABCD1X,某公司,3\n"), "units.csv")
	f.Add([]byte("\ufeff身份证号码,姓名\n110105199001011234,张三\n,\n\n"), "persons.csv")
	f.Add([]byte("id_number,credit_code,insurance,from,to,base\n\"a,b\",c\"\n"), "coverages.csv")
	f.Add([]byte("PK\x03\x04garbage"), "bases.xlsx")
	f.Add([]byte{0xb9, 0xfa, 0x2c, 0xff, 0xfe}, "operators.csv")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		for _, k := range []kind{unitsKind, personsKind, coveragesKind, basesKind, registrationsKind, operatorsKind} {
			tb, p := readTable(name, bytes.NewReader(data), k)
			if p != nil {
				continue
			}
			_ = tb.each(func(r row) error {
				if len(r.cells) != len(k.columns) || r.n < 2 {
					t.Fatalf("row %d has %d cells for %d columns", r.n, len(r.cells), len(k.columns))
				}
				for _, c := range k.columns {
					_ = r.get(c.key)
				}
				return nil
			})
			tb.close()
		}
	})
}
