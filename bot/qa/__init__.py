"""Question answering: normalise, link names, choose the intent, build the answer."""
