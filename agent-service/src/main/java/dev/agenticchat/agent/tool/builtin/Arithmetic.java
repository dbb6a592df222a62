package dev.agenticchat.agent.tool.builtin;

import com.ezylang.evalex.BaseException;
import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.config.MapBasedFunctionDictionary;
import com.ezylang.evalex.config.MapBasedOperatorDictionary;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.functions.FunctionIfc;
import com.ezylang.evalex.functions.FunctionParameterDefinition;
import com.ezylang.evalex.functions.basic.AbsFunction;
import com.ezylang.evalex.functions.basic.AverageFunction;
import com.ezylang.evalex.functions.basic.CeilingFunction;
import com.ezylang.evalex.functions.basic.FloorFunction;
import com.ezylang.evalex.functions.basic.Log10Function;
import com.ezylang.evalex.functions.basic.LogFunction;
import com.ezylang.evalex.functions.basic.MaxFunction;
import com.ezylang.evalex.functions.basic.MinFunction;
import com.ezylang.evalex.functions.basic.RoundFunction;
import com.ezylang.evalex.functions.basic.SqrtFunction;
import com.ezylang.evalex.functions.basic.SumFunction;
import com.ezylang.evalex.functions.trigonometric.AcosFunction;
import com.ezylang.evalex.functions.trigonometric.AsinFunction;
import com.ezylang.evalex.functions.trigonometric.AtanFunction;
import com.ezylang.evalex.functions.trigonometric.CosFunction;
import com.ezylang.evalex.functions.trigonometric.CosRFunction;
import com.ezylang.evalex.functions.trigonometric.SinFunction;
import com.ezylang.evalex.functions.trigonometric.SinRFunction;
import com.ezylang.evalex.functions.trigonometric.TanFunction;
import com.ezylang.evalex.functions.trigonometric.TanRFunction;
import com.ezylang.evalex.operators.OperatorIfc;
import com.ezylang.evalex.operators.arithmetic.InfixDivisionOperator;
import com.ezylang.evalex.operators.arithmetic.InfixMinusOperator;
import com.ezylang.evalex.operators.arithmetic.InfixModuloOperator;
import com.ezylang.evalex.operators.arithmetic.InfixMultiplicationOperator;
import com.ezylang.evalex.operators.arithmetic.InfixPlusOperator;
import com.ezylang.evalex.operators.arithmetic.InfixPowerOfOperator;
import com.ezylang.evalex.operators.arithmetic.PrefixMinusOperator;
import com.ezylang.evalex.operators.arithmetic.PrefixPlusOperator;
import com.ezylang.evalex.parser.Token;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

/**
 * Arithmetic on decimal numbers with EvalEx, restricted to what a calculator needs: the
 * operators {@code + - * / % ^}, the constants PI and E and a list of numeric functions;
 * no variables, strings, arrays, structures, comparisons, dates or random numbers. Every value
 * computed on the way, and every exponent before it is applied, must stay within
 * 10^±{@value #MAX_DECIMAL_EXPONENT}: BigDecimal could otherwise be asked for numbers with
 * billions of digits (10^999999999 % 7), which would take the worker's time and memory.
 * Results are rounded to {@value #PRECISION} significant digits (IEEE decimal128). EvalEx's
 * sign binds tighter than its power (-2^2 is 4): its setting for the other way round no longer
 * parses 2^-1, which models write far more often, so the tool's description says so instead.
 */
final class Arithmetic {
    static final int PRECISION = 34;
    static final int MAX_DECIMAL_EXPONENT = 1000;
    private static final int MAX_ROUND_DIGITS = 100;
    /** The functions EvalEx computes in double precision: their results keep the digits a double has. */
    private static final List<String> DOUBLE_FUNCTIONS = List.of("LOG", "LOG10", "SIN", "COS", "TAN", "ASIN", "ACOS",
            "ATAN", "SINR", "COSR", "TANR");
    private static final MathContext DOUBLE_DIGITS = new MathContext(15);

    static final List<String> FUNCTIONS = List.of("ABS", "ROUND", "FLOOR", "CEILING", "SQRT", "LOG", "LOG10", "MIN",
            "MAX", "SUM", "AVERAGE", "SIN", "COS", "TAN", "ASIN", "ACOS", "ATAN", "SINR", "COSR", "TANR");

    private static final ExpressionConfiguration CONFIGURATION = ExpressionConfiguration.builder()
            .mathContext(new MathContext(PRECISION))
            .operatorDictionary(MapBasedOperatorDictionary.ofOperators(
                    Map.entry("+", guarded(new InfixPlusOperator())),
                    Map.entry("-", guarded(new InfixMinusOperator())),
                    Map.entry("*", guarded(new InfixMultiplicationOperator())),
                    Map.entry("/", guarded(new InfixDivisionOperator())),
                    Map.entry("%", guarded(new InfixModuloOperator())),
                    Map.entry("^", new GuardedOperator(new InfixPowerOfOperator(), true)),
                    Map.entry("-", guarded(new PrefixMinusOperator())),
                    Map.entry("+", guarded(new PrefixPlusOperator()))))
            .functionDictionary(MapBasedFunctionDictionary.ofFunctions(
                    function("ABS", new AbsFunction()),
                    function("ROUND", new RoundFunction()),
                    function("FLOOR", new FloorFunction()),
                    function("CEILING", new CeilingFunction()),
                    function("SQRT", new SqrtFunction()),
                    function("LOG", new LogFunction()),
                    function("LOG10", new Log10Function()),
                    function("MIN", new MinFunction()),
                    function("MAX", new MaxFunction()),
                    function("SUM", new SumFunction()),
                    function("AVERAGE", new AverageFunction()),
                    function("SIN", new SinFunction()),
                    function("COS", new CosFunction()),
                    function("TAN", new TanFunction()),
                    function("ASIN", new AsinFunction()),
                    function("ACOS", new AcosFunction()),
                    function("ATAN", new AtanFunction()),
                    function("SINR", new SinRFunction()),
                    function("COSR", new CosRFunction()),
                    function("TANR", new TanRFunction())))
            .defaultConstants(Map.of(
                    "PI", EvaluationValue.numberValue(new BigDecimal(
                            "3.1415926535897932384626433832795028841971693993751058209749445923")),
                    "E", EvaluationValue.numberValue(new BigDecimal(
                            "2.71828182845904523536028747135266249775724709369995957496696762772"))))
            .arraysAllowed(false)
            .structuresAllowed(false)
            .implicitMultiplicationAllowed(false)
            .singleQuoteStringLiteralsAllowed(false)
            .build();

    private Arithmetic() {
    }

    /** The value of the expression, rounded to {@value #PRECISION} digits; the failure says why there is none. */
    static BigDecimal evaluate(String expression) throws RefusedException {
        EvaluationValue value;
        try {
            value = new Expression(expression, CONFIGURATION).evaluate();
        } catch (BaseException e) {
            throw new RefusedException(describe(e));
        } catch (ArithmeticException e) {
            // BigDecimal's own refusals: a division by zero inside a power, an exponent overflow.
            throw new RefusedException(e.getMessage() == null ? "the result is not a finite number" : e.getMessage());
        } catch (NumberFormatException e) {
            // A function computed in double precision answered NaN or infinity, e.g. (-8)^0.5.
            throw new RefusedException("a number in it or its result is not a finite real number");
        }
        if (!value.isNumberValue()) {
            throw new RefusedException("the expression does not compute a number");
        }
        BigDecimal number = value.getNumberValue().round(new MathContext(PRECISION)).stripTrailingZeros();
        checkMagnitude(number);
        return number;
    }

    /** Plain digits for ordinary sizes, scientific notation (1E+100) beyond 40 characters. */
    static String format(BigDecimal number) {
        String plain = number.toPlainString();
        return plain.length() <= 40 ? plain : number.toString();
    }

    private static String describe(BaseException e) {
        String message = e.getMessage() == null ? "it cannot be evaluated" : e.getMessage();
        if (message.startsWith("Undefined function")) {
            return message + "; the functions are " + String.join(", ", FUNCTIONS);
        }
        if (message.startsWith("Variable or constant value for")) {
            return message + "; only numbers, PI and E may be used";
        }
        return e.getStartPosition() > 0 ? message + " (at character " + e.getStartPosition() + ")" : message;
    }

    private static void checkMagnitude(BigDecimal number) throws RefusedException {
        if (number.signum() != 0 && Math.abs(decimalExponent(number)) > MAX_DECIMAL_EXPONENT) {
            throw new RefusedException("a value is beyond the calculator's range of 1E-" + MAX_DECIMAL_EXPONENT
                    + " to 1E+" + MAX_DECIMAL_EXPONENT);
        }
    }

    /** The power of ten of a non-zero number's leading digit, e.g. 2 for 123.4. */
    private static long decimalExponent(BigDecimal number) {
        return (long) number.precision() - number.scale() - 1;
    }

    private static void checkOperands(Token token, EvaluationValue... operands) throws EvaluationException {
        for (EvaluationValue operand : operands) {
            if (!operand.isNumberValue()) {
                throw new EvaluationException(token, "only numbers can be calculated with");
            }
            check(token, operand);
        }
    }

    private static EvaluationValue check(Token token, EvaluationValue value) throws EvaluationException {
        if (value.isNumberValue()) {
            try {
                checkMagnitude(value.getNumberValue());
            } catch (RefusedException e) {
                throw new EvaluationException(token, e.getMessage());
            }
        }
        return value;
    }

    /** Whether base^exponent stays within the range, estimated from the logarithm before computing it. */
    private static void checkPower(Token token, BigDecimal base, BigDecimal exponent) throws EvaluationException {
        if (base.signum() == 0 || exponent.signum() == 0) {
            return;
        }
        BigDecimal leading = base.abs().round(MathContext.DECIMAL64);
        double log10OfBase = Math.log10(leading.unscaledValue().doubleValue()) - leading.scale();
        double log10OfResult = Math.abs(exponent.doubleValue() * log10OfBase);
        if (log10OfResult > MAX_DECIMAL_EXPONENT || Double.isNaN(log10OfResult)) {
            throw new EvaluationException(token, "the power is beyond the calculator's range of 1E-"
                    + MAX_DECIMAL_EXPONENT + " to 1E+" + MAX_DECIMAL_EXPONENT);
        }
    }

    private static OperatorIfc guarded(OperatorIfc operator) {
        return new GuardedOperator(operator, false);
    }

    private static Map.Entry<String, FunctionIfc> function(String name, FunctionIfc function) {
        return Map.entry(name, new GuardedFunction(function, "ROUND".equals(name), DOUBLE_FUNCTIONS.contains(name)));
    }

    /** An operator whose operands and result are checked against the range. */
    private record GuardedOperator(OperatorIfc operator, boolean power) implements OperatorIfc {
        @Override
        public int getPrecedence() {
            return operator.getPrecedence();
        }

        @Override
        public boolean isLeftAssociative() {
            return operator.isLeftAssociative();
        }

        @Override
        public boolean isPrefix() {
            return operator.isPrefix();
        }

        @Override
        public boolean isPostfix() {
            return operator.isPostfix();
        }

        @Override
        public boolean isInfix() {
            return operator.isInfix();
        }

        @Override
        public int getPrecedence(ExpressionConfiguration configuration) {
            return operator.getPrecedence(configuration);
        }

        @Override
        public boolean isOperandLazy() {
            return false;
        }

        @Override
        public EvaluationValue evaluate(Expression expression, Token token, EvaluationValue... operands)
                throws EvaluationException {
            checkOperands(token, operands);
            if (power) {
                return check(token, power(expression, token, operands[0].getNumberValue(), operands[1].getNumberValue()));
            }
            return check(token, operator.evaluate(expression, token, operands));
        }

        /** EvalEx divides 1 by x^n to 34 decimal places, which makes 2^-200 zero: here it keeps 34 digits. */
        private EvaluationValue power(Expression expression, Token token, BigDecimal base, BigDecimal exponent)
                throws EvaluationException {
            checkPower(token, base, exponent);
            if (exponent.signum() >= 0) {
                return operator.evaluate(expression, token, EvaluationValue.numberValue(base),
                        EvaluationValue.numberValue(exponent));
            }
            if (base.signum() == 0) {
                throw new EvaluationException(token, "Division by zero");
            }
            BigDecimal positive = operator.evaluate(expression, token, EvaluationValue.numberValue(base),
                    EvaluationValue.numberValue(exponent.negate())).getNumberValue();
            return EvaluationValue.numberValue(BigDecimal.ONE.divide(positive, expression.getConfiguration().getMathContext()));
        }
    }

    /**
     * A function whose arguments and result are checked; ROUND's digit count is kept small, and
     * a double's result is rounded to the 15 digits it has (SIN(30) is 0.5, not 0.49999999999999994).
     */
    private record GuardedFunction(FunctionIfc function, boolean round, boolean inDoubles) implements FunctionIfc {
        @Override
        public List<FunctionParameterDefinition> getFunctionParameterDefinitions() {
            return function.getFunctionParameterDefinitions();
        }

        @Override
        public EvaluationValue evaluate(Expression expression, Token token, EvaluationValue... parameters)
                throws EvaluationException {
            checkOperands(token, parameters);
            if (round && parameters.length > 1 && parameters[1].getNumberValue().abs().compareTo(BigDecimal.valueOf(MAX_ROUND_DIGITS)) > 0) {
                throw new EvaluationException(token, "ROUND takes at most " + MAX_ROUND_DIGITS + " decimal places");
            }
            EvaluationValue result = check(token, function.evaluate(expression, token, parameters));
            return inDoubles && result.isNumberValue()
                    ? EvaluationValue.numberValue(result.getNumberValue().round(DOUBLE_DIGITS))
                    : result;
        }

        @Override
        public void validatePreEvaluation(Token token, EvaluationValue... parameters) throws EvaluationException {
            function.validatePreEvaluation(token, parameters);
        }

        @Override
        public boolean hasVarArgs() {
            return function.hasVarArgs();
        }

        @Override
        public boolean isParameterLazy(int parameterIndex) {
            return false;
        }

        @Override
        public int getCountOfNonVarArgParameters() {
            return function.getCountOfNonVarArgParameters();
        }
    }

    /** Why an expression has no value, in words the model can act on. */
    static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }
}
