package i18n

// Messages of the office statistics (package stats) and their page
// (GET /stats) and export.
func init() {
	add(
		[3]string{"reason.STATS_RANGE_TOO_LONG", "查询范围为 %s 个月，最多只能查询 %s 个月（5 年），请缩小范围。", "The range spans %s months; at most %s months (5 years) can be shown. Please choose a shorter range."},
		[3]string{"reason.STATS_RANGE_REVERSED", "截止月份早于起始月份（%s 至 %s），请重新选择。", "The end month is before the start month (%s to %s). Please choose again."},
		[3]string{"field.month_from", "起始月份", "From"},
		[3]string{"field.month_to", "截止月份", "To"},

		[3]string{"stats.title", "业务统计", "Office statistics"},
		[3]string{"stats.intro", "按办理月份统计各渠道受理的全部业务（含不予受理、待复核和已撤回的业务）。增长率以整数精确计算，保留一位小数；基期为 0 时显示“—”。", "All items received in each month, by channel (refused, waiting and withdrawn items included). Growth is computed exactly from whole numbers and shown with one decimal; \"—\" when the base month had no items."},
		[3]string{"stats.range", "统计范围", "Range"},
		[3]string{"stats.range_hint", "格式 2026-07；最多 60 个月。", "Format 2026-07; at most 60 months."},
		[3]string{"stats.show", "查询", "Show"},
		[3]string{"stats.export", "导出 Excel（.xlsx）", "Export to Excel (.xlsx)"},
		[3]string{"stats.chart.bars", "各月业务量（按渠道堆叠）", "Items per month, stacked by channel"},
		[3]string{"stats.chart.shares", "各渠道业务占比", "Each channel's share of the month's items"},
		[3]string{"stats.by_month", "各月业务量", "Items per month"},
		[3]string{"stats.by_channel", "各渠道汇总与办理时长", "Channels: items and time to decision"},
		[3]string{"stats.by_type", "按业务类型", "By item type"},
		[3]string{"stats.month", "月份", "Month"},
		[3]string{"stats.total", "合计", "Total"},
		[3]string{"stats.fund", "费款业务", "Fund items"},
		[3]string{"stats.other", "其他业务", "Other items"},
		[3]string{"stats.mom", "环比", "Month on month"},
		[3]string{"stats.yoy", "同比", "Year on year"},
		[3]string{"stats.share_of", "%s占比", "%s share"},
		[3]string{"stats.channel", "渠道", "Channel"},
		[3]string{"stats.type", "业务类型", "Item type"},
		[3]string{"stats.category", "类别", "Category"},
		[3]string{"stats.items", "业务量", "Items"},
		[3]string{"stats.share", "占比", "Share"},
		[3]string{"stats.decided", "已办结", "Decided"},
		[3]string{"stats.avg", "平均办理时长", "Average time to decision"},
		[3]string{"stats.p95", "95% 办理时长", "95th percentile"},
		[3]string{"stats.avg_seconds", "平均办理时长（秒）", "Average time to decision (s)"},
		[3]string{"stats.p95_seconds", "95% 办理时长（秒）", "95th percentile (s)"},
		[3]string{"stats.duration_note", "办理时长为提交至作出决定（通过、不予受理或退回）的时间，格式 分:秒 或 时:分:秒；95% 办理时长取最近秩：把时长从短到长排列，取第 ⌈0.95×n⌉ 个。", "Time to decision runs from submission to the decision (approved, refused or returned), as m:ss or h:mm:ss. The 95th percentile is the nearest rank: the ⌈0.95×n⌉-th shortest time."},
		[3]string{"stats.none", "所选范围内没有业务。", "No items in this range."},
		[3]string{"stats.sheet.months", "各月业务量", "Months"},
		[3]string{"stats.sheet.types", "按业务类型", "Types"},
		[3]string{"stats.sheet.channels", "各渠道", "Channels"},
	)
}
