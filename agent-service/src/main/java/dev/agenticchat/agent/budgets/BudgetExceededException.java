package dev.agenticchat.agent.budgets;

/** A budget that holds the turn is used up; the message, for the user, names it and when it resets. */
public class BudgetExceededException extends Exception {
    BudgetExceededException(String message) {
        super(message);
    }
}
