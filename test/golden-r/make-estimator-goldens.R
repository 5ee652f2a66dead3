# Golden values for Effekt's estimators (methods.md), computed with R's
# estimatr. Run from this folder:  Rscript make-estimator-goldens.R
# (Debian: apt-get install r-cran-estimatr r-cran-matching). R is needed only
# to regenerate the files; the test suite reads the committed outputs.
suppressPackageStartupMessages({
  library(estimatr)
  library(Matching)
})

# 1. A small three-arm blocked trial with unequal allocation inside blocks, so
#    `diff` and `blocked` differ. estimatr's blocked estimator refuses blocks
#    with a single person in an arm ("every block must have at least two
#    treated and control units" unless pair-matched), so every block here has
#    at least two persons per arm.
blocked <- data.frame(
  block = c(rep("A", 9), rep("B", 8), rep("C", 8), rep("D", 7)),
  arm   = c("FS","FS","FS","FS","FS","SE","SE","CM","CM",
            "FS","FS","SE","SE","SE","SE","CM","CM",
            "FS","FS","FS","SE","SE","CM","CM","CM",
            "FS","FS","SE","SE","CM","CM","CM"),
  y     = c(0,1,0,0,0,1,1,0,1,
            1,0,1,1,0,1,0,1,
            0,0,1,1,0,0,1,0,
            1,0,1,0,0,0,1),
  x     = c(21,25,23,28,19,24,22,27,26,
            29,20,22,25,24,23,21,24,
            26,28,19,20,25,27,24,22,
            23,21,26,25,29,20,24),
  group = c("a","b","a","c","b","a","c","b","a",
            "c","a","b","b","a","c","a","b",
            "b","c","a","a","b","c","b","a",
            "a","b","c","a","a","b","c")
)
blocked$arm <- factor(blocked$arm, levels = c("FS", "SE", "CM"))
write.csv(blocked, "blocked-trial.csv", row.names = FALSE, quote = FALSE)

row_of <- function(fit, term) {
  s <- summary(fit)$coefficients
  c(estimate = unname(s[term, "Estimate"]), se = unname(s[term, "Std. Error"]))
}

cases <- list()
for (a in c("SE", "CM")) {
  d <- droplevels(blocked[blocked$arm %in% c("FS", a), ])
  dim_fit <- difference_in_means(y ~ arm, data = d, condition1 = "FS", condition2 = a)
  blk_fit <- difference_in_means(y ~ arm, data = d, blocks = block, condition1 = "FS", condition2 = a)
  cases[[paste0("diff_", a)]] <- c(dim_fit$coefficients[[1]], dim_fit$std.error[[1]])
  cases[[paste0("blocked_", a)]] <- c(blk_fit$coefficients[[1]], blk_fit$std.error[[1]])
}
ols_fit <- lm_robust(y ~ arm + factor(block) + x + group, data = blocked, se_type = "HC2")
lin_fit <- lm_lin(y ~ arm, covariates = ~ x + group + factor(block), data = blocked, se_type = "HC2")
for (a in c("SE", "CM")) {
  cases[[paste0("ols_", a)]] <- row_of(ols_fit, paste0("arm", a))
  cases[[paste0("lin_", a)]] <- row_of(lin_fit, paste0("arm", a))
}

# 2. The NSW experimental sample (Dehejia & Wahba; Matching::lalonde), as in
#    methods.md: effect on 1978 earnings by diff and by ols with covariates.
data(lalonde, package = "Matching")
write.csv(lalonde[, c("treat", "re78", "age", "educ", "black", "hisp", "married", "nodegr", "re74", "re75")],
          "lalonde.csv", row.names = FALSE, quote = FALSE)
ll_dim <- difference_in_means(re78 ~ treat, data = lalonde)
ll_ols <- lm_robust(re78 ~ treat + age + educ + black + hisp + married + nodegr + re74 + re75, data = lalonde, se_type = "HC2")
ll_lin <- lm_lin(re78 ~ treat, covariates = ~ age + educ + black + hisp + married + nodegr + re74 + re75, data = lalonde, se_type = "HC2")
cases[["lalonde_diff"]] <- c(ll_dim$coefficients[[1]], ll_dim$std.error[[1]])
cases[["lalonde_ols"]] <- row_of(ll_ols, "treat")
cases[["lalonde_lin"]] <- row_of(ll_lin, "treat")

out <- file("estimators.csv", "w")
writeLines("case,estimate,se", out)
for (name in names(cases)) writeLines(sprintf("%s,%.15g,%.15g", name, cases[[name]][1], cases[[name]][2]), out)
close(out)
cat(readLines("estimators.csv"), sep = "\n")
