# Golden values for the effect engine's point estimates (effectPointEstimates):
# estimates and analytic SEs from estimatr, and boot's stratified jackknife
# influence values (empinf(type = "jack"), strata = arm x block, as the
# bootstrap resamples) from which the BCa accelerations follow.
# Run from this folder:  Rscript make-engine-goldens.R
# R is needed only to regenerate the files; the tests read the committed CSVs.
suppressPackageStartupMessages({
  library(estimatr)
  library(boot)
})

# 1. A three-arm trial, six blocks with unequal allocation, a numeric and a
#    three-level categorical covariate, a binary outcome. Every arm x block
#    cell has at least three persons, so that every leave-one-out sample is
#    still a design estimatr accepts (at least two persons per arm and block)
#    and lm_lin aliases nothing.
set.seed(20170331)
arms <- c("FS", "SE", "CM")
cells <- rbind(c(18, 9, 6), c(12, 12, 12), c(20, 6, 4), c(10, 10, 3), c(17, 9, 12), c(13, 15, 8))
d <- do.call(rbind, lapply(seq_len(nrow(cells)), function(b) {
  data.frame(block = paste0("B", b), arm = rep(arms, cells[b, ]))
}))
n <- nrow(d)
d$x <- round(rnorm(n, 40, 10), 1)
d$g <- sample(c("a", "b", "c"), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
effect <- c(FS = 0, SE = 0.15, CM = 0.05)
p <- plogis(-0.6 + effect[d$arm] * 4 + 0.03 * (d$x - 40) + 0.4 * (d$g == "b") - 0.3 * (d$g == "c") +
  0.15 * as.integer(substr(d$block, 2, 2)) - 0.5)
d$y <- rbinom(n, 1, p)
d <- d[sample(n), ]
rownames(d) <- NULL
write.csv(d[, c("block", "arm", "y", "x", "g")], "engine-trial.csv", row.names = FALSE, quote = FALSE)
d$arm <- factor(d$arm, levels = arms)
strata <- as.integer(interaction(d$arm, d$block, drop = TRUE))

pair_of <- function(data, a) droplevels(data[data$arm %in% c("FS", a), ])
statistics <- list(
  diff = function(data, a) {
    fit <- difference_in_means(y ~ arm, data = pair_of(data, a), condition1 = "FS", condition2 = a)
    c(fit$coefficients[[1]], fit$std.error[[1]])
  },
  blocked = function(data, a) {
    fit <- difference_in_means(y ~ arm, data = pair_of(data, a), blocks = block, condition1 = "FS", condition2 = a)
    c(fit$coefficients[[1]], fit$std.error[[1]])
  },
  ols = function(data, a) {
    s <- summary(lm_robust(y ~ arm + factor(block) + x + g, data = data, se_type = "HC2"))$coefficients
    unname(s[paste0("arm", a), c("Estimate", "Std. Error")])
  },
  lin = function(data, a) {
    s <- summary(lm_lin(y ~ arm, covariates = ~ x + g + factor(block), data = data, se_type = "HC2"))$coefficients
    unname(s[paste0("arm", a), c("Estimate", "Std. Error")])
  }
)

estimates <- file("engine-estimates.csv", "w")
writeLines("case,estimator,arm,estimate,se,acceleration", estimates)
influence <- file("engine-influence.csv", "w")
writeLines("case,estimator,arm,row,L", influence)
for (estimator in names(statistics)) {
  for (a in c("SE", "CM")) {
    f <- statistics[[estimator]]
    full <- f(d, a)
    L <- empinf(data = d, statistic = function(data, i) f(data[i, ], a)[1], stype = "i", type = "jack", strata = strata)
    acceleration <- sum(L^3) / (6 * sum(L^2)^1.5)
    writeLines(sprintf("trial,%s,%s,%.15g,%.15g,%.15g", estimator, a, full[1], full[2], acceleration), estimates)
    for (i in seq_along(L)) writeLines(sprintf("trial,%s,%s,%d,%.15g", estimator, a, i, L[i]), influence)
  }
}

# 2. Matched pairs (every block one person per arm): estimatr's matched-pairs
#    SE sqrt(sum((d_k - d)^2) / (K (K - 1))) (Imai, King & Nall 2009), which
#    the blocked estimator uses when every contributing block is a pair.
set.seed(7)
K <- 9
pairs <- data.frame(block = rep(paste0("P", seq_len(K)), each = 2), arm = rep(c("FS", "SE"), K))
pairs$y <- round(rnorm(2 * K, 10, 3) + (pairs$arm == "SE") * 1.5 + rep(rnorm(K, 0, 2), each = 2), 2)
write.csv(pairs, "engine-pairs.csv", row.names = FALSE, quote = FALSE)
pairs$arm <- factor(pairs$arm, levels = c("FS", "SE"))
mp <- difference_in_means(y ~ arm, data = pairs, blocks = block, condition1 = "FS", condition2 = "SE")
stopifnot(mp$design == "Matched-pair")
writeLines(sprintf("pairs,blocked,SE,%.15g,%.15g,0", mp$coefficients[[1]], mp$std.error[[1]]), estimates)

close(estimates)
close(influence)
cat(readLines("engine-estimates.csv"), sep = "\n")
