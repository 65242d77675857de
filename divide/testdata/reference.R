# Independent reference values for TestAnalyseAgainstR (analyse_test.go),
# computed from testdata/councils.json with base R and jsonlite:
#   Rscript testdata/reference.R
# It prints one Go table row per measure compared: id, n of shire districts
# and of larger councils, their means, medians and quartiles (type 7), the
# Mann-Whitney W and p of wilcox.test(x, y) with its defaults (exact when
# both groups are under 50 and there are no ties, else the normal
# approximation with continuity correction), Cliff's delta and the
# Holm-adjusted p-value across all the measures.
library(jsonlite)
cs <- fromJSON("testdata/councils.json", simplifyVector = FALSE)
larger_tiers <- c("county", "unitary", "metropolitan", "london-borough")
group <- function(c) {
  if (c$Nation != "England" || !isTRUE(c$Assessed)) return(NA)
  if (c$Tier == "shire-district") return("x")
  if (c$Tier %in% larger_tiers) return("y")
  NA
}
g <- sapply(cs, group)
X <- cs[!is.na(g) & g == "x"]; Y <- cs[!is.na(g) & g == "y"]
num <- function(v) if (is.null(v)) NA else as.numeric(v)
tasks <- c("pay-council-tax", "report-missed-bin", "bin-collection-day", "planning-applications",
           "apply-housing", "school-place", "report-pothole", "blue-badge", "renew-library-book",
           "find-councillor", "report-fly-tipping", "register-to-vote")
rules <- c("image-alt", "link-name", "label", "document-title", "html-has-lang")
measures <- list(
  list("score", function(c) num(c$Score)),
  list("stars", function(c) num(c$Stars)),
  list("accessibility-pass", function(c) as.numeric(isTRUE(c$AccessibilityPass))))
for (t in tasks) local({
  t <- t
  measures[[length(measures) + 1]] <<- list(paste0("task/", t, "/found"),
    function(c) if (is.null(c$Tasks[[t]])) NA else as.numeric(isTRUE(c$Tasks[[t]]$Found)))
  measures[[length(measures) + 1]] <<- list(paste0("task/", t, "/online"),
    function(c) if (is.null(c$Tasks[[t]])) NA else as.numeric(isTRUE(c$Tasks[[t]]$Online)))
})
measures <- c(measures, list(
  list("mobile", function(c) as.numeric(isTRUE(c$Mobile))),
  list("https", function(c) as.numeric(isTRUE(c$HTTPS))),
  list("page-weight", function(c) num(c$PageWeight)),
  list("pdf-share", function(c) num(c$PDFShare))))
for (r in rules) local({
  r <- r
  measures[[length(measures) + 1]] <<- list(paste0("rule/", r, "/fails"),
    function(c) if (is.null(c$RuleRates[[r]])) NA else as.numeric(c$RuleRates[[r]] > 0))
  measures[[length(measures) + 1]] <<- list(paste0("rule/", r, "/rate"),
    function(c) num(c$RuleRates[[r]]))
})
rows <- list()
for (m in measures) {
  x <- sapply(X, m[[2]]); x <- x[!is.na(x)]
  y <- sapply(Y, m[[2]]); y <- y[!is.na(y)]
  if (length(x) == 0 || length(y) == 0) next
  w <- suppressWarnings(wilcox.test(x, y))
  qx <- quantile(x, c(.25, .5, .75), type = 7); qy <- quantile(y, c(.25, .5, .75), type = 7)
  rows[[length(rows) + 1]] <- list(id = m[[1]], nx = length(x), ny = length(y),
    mx = mean(x), my = mean(y), q1x = qx[[1]], medx = qx[[2]], q3x = qx[[3]],
    q1y = qy[[1]], medy = qy[[2]], q3y = qy[[3]],
    W = unname(w$statistic), p = w$p.value, cliff = mean(sign(outer(x, y, "-"))))
}
# A test where every value is tied gives p NaN in R; the package reports 1.
ps <- sapply(rows, function(r) if (is.nan(r$p)) 1 else r$p)
holm <- p.adjust(ps, "holm")
for (i in seq_along(rows)) {
  r <- rows[[i]]
  cat(sprintf('{"%s", %d, %d, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g},\n',
    r$id, r$nx, r$ny, r$mx, r$my, r$q1x, r$medx, r$q3x, r$q1y, r$medy, r$q3y, r$W, ps[i], r$cliff, holm[i]))
}
