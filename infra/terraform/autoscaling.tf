# Service autoscaling: the number of server tasks (= instances, one task each; the capacity
# provider adds and removes the instances). Two target-tracking policies; the larger wish wins:
#
#  - CPU of the container instances. Not the task's own CPU: the sandboxes are sibling
#    containers outside the task's cgroup, so ECSServiceAverageCPUUtilization would only see the
#    HTTP layer. The instances' average CPUUtilization falls as tasks (and instances) are added,
#    which target tracking needs.
#  - ALB requests per target (per minute), the direct measure of load per server.

resource "aws_appautoscaling_target" "server" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.server.name}"
  min_capacity       = var.service_min_count
  max_capacity       = var.service_max_count
}

resource "aws_appautoscaling_policy" "cpu" {
  name               = "${local.name}-instance-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.server.service_namespace
  scalable_dimension = aws_appautoscaling_target.server.scalable_dimension
  resource_id        = aws_appautoscaling_target.server.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = var.cpu_target_percent
    scale_out_cooldown = var.scale_out_cooldown_seconds
    scale_in_cooldown  = var.scale_in_cooldown_seconds

    customized_metric_specification {
      namespace   = "AWS/EC2"
      metric_name = "CPUUtilization"
      statistic   = "Average"
      unit        = "Percent"

      dimensions {
        name  = "AutoScalingGroupName"
        value = aws_autoscaling_group.instances.name
      }
    }
  }
}

resource "aws_appautoscaling_policy" "requests" {
  name               = "${local.name}-requests-per-target"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.server.service_namespace
  scalable_dimension = aws_appautoscaling_target.server.scalable_dimension
  resource_id        = aws_appautoscaling_target.server.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = var.requests_per_target_per_minute
    scale_out_cooldown = var.scale_out_cooldown_seconds
    scale_in_cooldown  = var.scale_in_cooldown_seconds

    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${aws_lb.this.arn_suffix}/${aws_lb_target_group.server.arn_suffix}"
    }
  }
}
