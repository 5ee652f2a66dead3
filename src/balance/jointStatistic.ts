/**
 * The joint balance statistic for any assignment of arm labels:
 * T = Σ over variables k and non-reference arms a of
 *     ((mean_a(k) − mean_ref(k)) · w(k, a))²,
 * with w(k, a) = 1 / the pooled SD of the observed assignment. At the
 * observed labels T is the sum of the squared SMDs of the balance table. The
 * SDs stay fixed across permutations (as in RItools' xBalance), so T* only
 * measures how far the permuted means lie apart, and a rare dummy without
 * variance in the observed arms cannot make T* infinite. A term with w = 0
 * (SMD undefined) is left out.
 *
 * evaluate() allocates nothing: the randomization test calls it thousands
 * of times. Missing values are few, so they are kept as a sparse list and
 * subtracted from the arm counts rather than counted person by person.
 */
export interface JointStatisticDesign {
  /** One Float64Array per variable, a value per person, NaN = missing. */
  variables: readonly Float64Array[];
  arms: number;
  reference: number;
  /** weights[k * arms + a] = 1 / pooled SD of term (k, a); 0 leaves the term out. */
  weights: Float64Array;
}

export class JointStatistic {
  /** Variables with a term in T (K). */
  readonly K: number;
  readonly A: number;
  readonly persons: number;
  /** x[p * K + j]: the value centred on the variable's mean (0 where missing). */
  readonly x: Float64Array;
  /** Missing values as (person, variable) pairs. */
  readonly missingPerson: Int32Array;
  readonly missingVariable: Int32Array;
  private readonly w: Float64Array;
  private readonly sums: Float64Array;
  private readonly counts: Float64Array;
  private readonly armCounts: Float64Array;

  constructor(design: JointStatisticDesign) {
    const A = design.arms;
    // Only variables with a term in T are kept.
    const kept = design.variables.map((_, k) => k).filter((k) => {
      for (let a = 0; a < A; a++) if (a !== design.reference && design.weights[k * A + a] !== 0) return true;
      return false;
    });
    this.K = kept.length;
    this.A = A;
    this.reference = design.reference;
    this.persons = design.variables.length > 0 ? design.variables[0].length : 0;
    this.x = new Float64Array(this.persons * this.K);
    this.w = new Float64Array(this.K * A);
    const missingPerson: number[] = [];
    const missingVariable: number[] = [];
    const { persons, K, x } = this;
    // Centring leaves mean differences unchanged and keeps the sums small.
    const centre = new Float64Array(K);
    const columns = kept.map((k) => design.variables[k]);
    columns.forEach((values, j) => {
      let total = 0;
      let n = 0;
      for (let p = 0; p < persons; p++) {
        const v = values[p];
        if (Number.isNaN(v)) {
          missingPerson.push(p);
          missingVariable.push(j);
        } else {
          total += v;
          n++;
        }
      }
      centre[j] = n > 0 ? total / n : 0;
    });
    // A person's row at a time: x is written in order, not a cache line per value.
    for (let p = 0; p < persons; p++) {
      for (let j = 0; j < K; j++) {
        const v = columns[j][p];
        if (!Number.isNaN(v)) x[p * K + j] = v - centre[j];
      }
    }
    kept.forEach((k, j) => {
      for (let a = 0; a < A; a++) this.w[j * A + a] = design.weights[k * A + a];
    });
    this.missingPerson = Int32Array.from(missingPerson);
    this.missingVariable = Int32Array.from(missingVariable);
    this.sums = new Float64Array(A * this.K);
    this.counts = new Float64Array(A * this.K);
    this.armCounts = new Float64Array(A);
  }

  private readonly reference: number;

  /** Terms in T. */
  get terms(): number {
    let terms = 0;
    for (let i = 0; i < this.w.length; i++) if (i % this.A !== this.reference && this.w[i] !== 0) terms++;
    return terms;
  }

  /** T for the arm labels `labels` (one per person). */
  evaluate(labels: Uint8Array): number {
    const { K, A, x, sums, counts, armCounts } = this;
    sums.fill(0);
    armCounts.fill(0);
    for (let p = 0; p < this.persons; p++) {
      const a = labels[p];
      armCounts[a]++;
      const base = a * K;
      const row = p * K;
      for (let j = 0; j < K; j++) sums[base + j] += x[row + j];
    }
    for (let a = 0; a < A; a++) counts.fill(armCounts[a], a * K, (a + 1) * K);
    for (let i = 0; i < this.missingPerson.length; i++) counts[labels[this.missingPerson[i]] * K + this.missingVariable[i]]--;
    return this.fromSums(sums, counts);
  }

  /**
   * T from per-arm sums of the centred values, sums[a * K + j], and the
   * persons with a value, counts[a * K + j]: what evaluate() gathers from
   * labels, or groupedJointStatistic.ts from counts per group.
   */
  fromSums(sums: Float64Array, counts: Float64Array): number {
    const { K, A, w, reference: ref } = this;
    let t = 0;
    for (let j = 0; j < K; j++) {
      const nRef = counts[ref * K + j];
      if (nRef === 0) continue;
      const meanRef = sums[ref * K + j] / nRef;
      for (let a = 0; a < A; a++) {
        const weight = w[j * A + a];
        if (a === ref || weight === 0 || counts[a * K + j] === 0) continue;
        const d = (sums[a * K + j] / counts[a * K + j] - meanRef) * weight;
        t += d * d;
      }
    }
    return t;
  }
}
