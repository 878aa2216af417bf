package web

import (
	"net/http"
	"net/url"
	"strconv"

	"shebao"
	"shebao/i18n"
)

// pageSize is the number of rows on a list page.
const pageSize = 20

// itemsData is the data of the unit's item list.
type itemsData struct {
	Items    []shebao.Item
	Type     string
	Status   string
	Late     bool // only the late enrollments (art. 58)
	Types    []shebao.ItemType
	Statuses []shebao.ItemStatus
	Pager    pager
}

// itemStatuses lists the statuses an item list can be filtered by.
var itemStatuses = []shebao.ItemStatus{shebao.StatusApproved, shebao.StatusRefused,
	shebao.StatusInReview, shebao.StatusReturned, shebao.StatusWithdrawn}

// pager links the pages of a list. More says the list has more than Total
// rows (a count that stops at a cap: shebao.CountOf).
type pager struct {
	Page, Pages, Total int
	More               bool
	PrevURL, NextURL   string
}

// newPager returns the pager of page of a list of total rows at q's URL.
func newPager(path string, q url.Values, page, total int) pager {
	p := pager{Page: page, Total: total, Pages: max(1, (total+pageSize-1)/pageSize)}
	link := func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return path + "?" + q.Encode()
	}
	if page > 1 {
		p.PrevURL = link(page - 1)
	}
	if page < p.Pages {
		p.NextURL = link(page + 1)
	}
	return p
}

// items lists the unit's items, newest first (GET /items?type=&status=&late=1&page=).
func (h *handler) items(w http.ResponseWriter, r *http.Request, u user) error {
	f, d, err := readItemFilter(r)
	if err != nil {
		return err
	}
	page := pageParam(r)
	f.Limit, f.Offset = pageSize, (page-1)*pageSize
	items, total, err := h.svc.Handling.Items(r.Context(), u.Actor, f)
	if err != nil {
		return err
	}
	d.Items = items
	q := url.Values{}
	if d.Type != "" {
		q.Set("type", d.Type)
	}
	if d.Status != "" {
		q.Set("status", d.Status)
	}
	if d.Late {
		q.Set("late", "1")
	}
	total, more := shebao.CountOf(total, f.Offset)
	d.Pager = newPager("/items", q, page, total)
	d.Pager.More = more
	v := h.userView(r, u, "items.title")
	v.Data = d
	return h.render(w, r, http.StatusOK, "items", v)
}

// readItemFilter reads the list's filters; an unknown value is an
// EINVALID error naming the filter.
func readItemFilter(r *http.Request) (shebao.ItemFilter, itemsData, error) {
	d := itemsData{Types: shebao.AllItemTypes, Statuses: itemStatuses}
	var f shebao.ItemFilter
	var err error
	if d.Type, err = text(r, "type", maxField); err != nil {
		return f, d, err
	}
	if d.Type != "" {
		for _, t := range shebao.AllItemTypes {
			if string(t) == d.Type {
				f.Type = t
			}
		}
		if f.Type == "" {
			return f, d, shebao.Invalid("type", shebao.ReasonUnknownItemType, d.Type)
		}
	}
	if d.Status, err = text(r, "status", maxField); err != nil {
		return f, d, err
	}
	if d.Status != "" {
		for _, s := range itemStatuses {
			if string(s) == d.Status {
				f.Status = s
			}
		}
		if f.Status == "" {
			return f, d, shebao.Invalid("status", shebao.ReasonUnknownStatus, d.Status)
		}
	}
	d.Late = r.URL.Query().Get("late") == "1"
	f.LateOnly = d.Late
	return f, d, nil
}

// itemPage is the data of the item page: the item with its decision in words.
type itemPage struct {
	Item     shebao.Item
	Decision string   // what an approved item changed
	Reasons  []string // the messages of a refusal's reasons
	Created  string
}

func newItemPage(lang i18n.Lang, it shebao.Item) itemPage {
	p := itemPage{Item: it, Created: it.CreatedAt.In(shebao.Office).Format("2006-01-02 15:04")}
	switch {
	case it.Status == shebao.StatusApproved && it.Type == shebao.ItemStop:
		p.Decision = i18n.T(lang, "item.decision.stop", it.Period.Prev().String())
	case it.Status == shebao.StatusApproved && (it.Type == shebao.ItemEnroll || it.Type == shebao.ItemResume):
		p.Decision = i18n.T(lang, "item.decision.enroll", it.Period.String(), it.Base.String())
	case it.Status == shebao.StatusApproved:
		p.Decision = i18n.T(lang, "item.decision.done")
	}
	for i, code := range it.Reasons {
		var args []string
		if i == 0 {
			args = it.ReasonArgs
		}
		p.Reasons = append(p.Reasons, i18n.T(lang, "reason."+code, args...))
	}
	return p
}
