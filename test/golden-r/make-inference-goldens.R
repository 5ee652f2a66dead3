# Golden values for Effekt's multiplicity and interval functions, from base R
# and boot. Run from this folder: Rscript make-inference-goldens.R
suppressPackageStartupMessages(library(boot))
out <- file("inference.csv", "w")
writeLines("case,index,value", out)
emit <- function(case, values) for (i in seq_along(values)) writeLines(sprintf("%s,%d,%.15g", case, i, values[i]), out)

# Holm adjustment (p.adjust).
p <- c(0.011, 0.04, 0.002, 0.30, 0.04)
emit("holm", p.adjust(p, method = "holm"))
emit("bonferroni", p.adjust(p, method = "bonferroni"))

# BCa for a difference in means of two strata (arms), with the empirical
# influence values passed as L, as boot.ci(type = "bca", L = ...) uses them.
set.seed(20170331)
y <- c(rbinom(40, 1, 0.3), rbinom(50, 1, 0.5))
arm <- c(rep(0, 40), rep(1, 50))
write.csv(data.frame(arm = arm, y = y), "bca-data.csv", row.names = FALSE, quote = FALSE)
stat <- function(d, i) mean(d$y[i][d$arm[i] == 1]) - mean(d$y[i][d$arm[i] == 0])
b <- boot(data.frame(arm = arm, y = y), stat, R = 999, strata = arm)
write.csv(data.frame(t = b$t[, 1]), "bca-replicates.csv", row.names = FALSE, quote = FALSE)
L <- empinf(b, type = "jack")
emit("bca_t0", b$t0)
emit("bca_L", L)
ci <- boot.ci(b, conf = 0.95, type = c("bca", "basic", "norm", "perc"), L = L)
emit("bca", ci$bca[4:5])
emit("basic", ci$basic[4:5])
emit("normal", ci$normal[2:3])
emit("percentile", ci$percent[4:5])
# The pieces of boot's bca.ci: bias correction w, acceleration a from L, and
# the adjusted levels at which the replicates' quantiles are taken.
w <- qnorm(sum(b$t[, 1] < b$t0) / length(b$t[, 1]))
a <- sum(L^3) / (6 * sum(L^2)^1.5)
z <- qnorm(c(0.025, 0.975))
emit("bca_w", w)
emit("bca_a", a)
emit("bca_levels", pnorm(w + (w + z) / (1 - a * (w + z))))
# R's type-7 quantiles of the replicates at those levels (Effekt's convention).
emit("bca_type7", quantile(b$t[, 1], pnorm(w + (w + z) / (1 - a * (w + z))), type = 7, names = FALSE))
emit("percentile_type7", quantile(b$t[, 1], c(0.025, 0.975), type = 7, names = FALSE))
close(out)
cat(readLines("inference.csv")[1:12], sep = "\n")
