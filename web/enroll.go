package web

import (
	"net/http"

	"shebao"
	"shebao/handling"
)

// readEnroll reads the fields of new enrollment (新参保) and resumption
// (续保): the declared monthly wage in yuan.
func readEnroll(r *http.Request, d *itemFormData, req *handling.Request) error {
	var err error
	if d.Wage, err = text(r, "wage", maxField); err != nil {
		return err
	}
	req.Wage, err = shebao.ParseYuan(d.Wage)
	return shebao.WithField(err, "wage")
}
