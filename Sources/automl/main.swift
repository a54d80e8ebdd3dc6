print("automl")
